import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseEvent, type OrchardEvent, type OrderStatus } from '@orchard/contracts';
import {
  Database,
  migrate,
  processMessage,
  type EventHandler,
  type MessageOutcome,
} from '@orchard/platform';
import { FulfilmentRepository } from '../orders/fulfilment.repository';
import { OrdersRepository } from '../orders/orders.repository';
import { OrdersService } from '../orders/orders.service';
import { SagaSignals } from '../orders/saga-signals';
import type { SagaStarter } from '../orders/saga-starter';

/** The native stack's order database; integration specs run against the real thing. */
export const orderDatabaseUrl =
  process.env['ORDER_DATABASE_URL'] ?? 'postgres://order_app:order_app@127.0.0.1:5442/orders';

const migrationsDir = join(__dirname, '..', '..', 'migrations');

export interface OrderFixture {
  database: Database;
  orders: OrdersService;
  repository: OrdersRepository;
  signals: SagaSignals;
}

/** Migrates the database and wires the services with plain constructors, as Nest would. */
export async function startOrders(saga: Pick<SagaStarter, 'reportShipped'>): Promise<OrderFixture> {
  await migrate(orderDatabaseUrl, migrationsDir);
  const database = new Database(orderDatabaseUrl, { applicationName: 'order-specs' });
  const repository = new OrdersRepository(database);
  const fulfilment = new FulfilmentRepository(database);
  const signals = new SagaSignals(fulfilment, saga as SagaStarter);
  const orders = new OrdersService(repository, saga as SagaStarter, fulfilment, signals);
  return { database, orders, repository, signals };
}

/**
 * An order in `status`, written directly: no saga, and no outbox event that would set the
 * running services to work on an order that exists only in this database.
 */
export async function orderIn(fixture: OrderFixture, status: OrderStatus): Promise<string> {
  const orderId = randomUUID();
  await fixture.database.transaction(async (tx) => {
    await fixture.repository.insert(tx, {
      orderId,
      customerId: randomUUID(),
      items: [{ sku: 'TEA-IT', quantity: 2 }],
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' },
    });
    if (status !== 'PENDING')
      await fixture.repository.changeStatus(tx, orderId, 'PENDING', status, null);
  });
  return orderId;
}

/** An event as a consumer receives it, validated by its contract. */
export function eventOf(
  type: string,
  aggregateType: string,
  aggregateId: string,
  data: object,
  id: string = randomUUID(),
): OrchardEvent {
  const parsed = parseEvent({
    id,
    occurredAt: new Date().toISOString(),
    type,
    version: 1,
    aggregateType,
    aggregateId,
    data,
  });
  if (!parsed.ok) throw new Error(`${type}: ${parsed.detail}`);
  return parsed.event;
}

/**
 * Delivers an event as the Kafka consumer does (inbox and handler in one transaction), so a
 * redelivery is deduplicated exactly as in production.
 */
export async function deliver(
  database: Database,
  consumer: string,
  handle: EventHandler,
  event: OrchardEvent,
): Promise<{ outcome: MessageOutcome; deadLetters: number }> {
  let deadLetters = 0;
  const message = {
    key: Buffer.from(event.aggregateId),
    value: Buffer.from(JSON.stringify(event)),
    headers: { id: Buffer.from(event.id), eventType: Buffer.from(event.type) },
    offset: '0',
    timestamp: String(Date.now()),
    attributes: 0,
  };
  const outcome = await processMessage(
    { topic: `${event.aggregateType}.events`, partition: 0, message },
    { consumer, database, handle, sendToDeadLetter: async () => void deadLetters++ },
  );
  return { outcome, deadLetters };
}

/** Retries an assertion for a while: signals are sent after commit, asynchronously. */
export async function eventually(
  assertion: () => Promise<void>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
