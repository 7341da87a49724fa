import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { OrderStatus, PlaceOrderInput } from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { databaseOfItsOwn } from '@orchard/platform/testing';
import { OrderCommands } from '../orders/commands/order-commands';
import { FulfilmentReactions } from '../orders/fulfilment/fulfilment.reactions';
import { FulfilmentRepository } from '../orders/fulfilment/fulfilment.repository';
import { OrderTransitions } from '../orders/order-transitions';
import { OrdersRepository } from '../orders/orders.repository';
import type { SagaClient } from '../orders/saga/saga-client';
import { SagaOutcomes } from '../orders/saga/saga-outcomes';
import { SagaSignals } from '../orders/saga/saga-signals';
import { StuckCompensations } from '../orders/saga/stuck-compensations';

const migrationsDir = join(__dirname, '..', '..', 'migrations');

export interface OrderFixture {
  database: Database;
  repository: OrdersRepository;
  commands: OrderCommands;
  outcomes: SagaOutcomes;
  reactions: FulfilmentReactions;
  signals: SagaSignals;
  stuck: StuckCompensations;
  /** Closes the pool and drops the spec's database. */
  close(): Promise<void>;
}

/**
 * The order service's parts, wired with plain constructors as Nest would, on a migrated
 * database of the spec's own: the running order service never sees these orders, and its
 * sweeps cannot do a spec's work for it.
 */
export async function startOrders(
  saga: Partial<SagaClient>,
  purpose: string,
): Promise<OrderFixture> {
  const own = await databaseOfItsOwn('order', purpose, migrationsDir);
  const { database } = own;
  const repository = new OrdersRepository(database);
  const fulfilment = new FulfilmentRepository(database);
  const transitions = new OrderTransitions(repository);
  const client = saga as SagaClient;
  const signals = new SagaSignals(fulfilment, client);
  const stuck = new StuckCompensations(database);
  return {
    database,
    repository,
    commands: new OrderCommands(repository, client, stuck),
    outcomes: new SagaOutcomes(repository, transitions),
    reactions: new FulfilmentReactions(repository, fulfilment, transitions, signals),
    signals,
    stuck,
    close: async () => {
      await signals.beforeApplicationShutdown();
      await own.close();
    },
  };
}

/** What `orderIn` places. */
export const sampleOrder = (orderId: string, customerId: string): PlaceOrderInput => ({
  orderId,
  customerId,
  items: [{ sku: 'TEA-IT', quantity: 2 }],
  shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' },
});

/** An order in `status`, written directly: no saga, no event. */
export async function orderIn(
  fixture: OrderFixture,
  status: OrderStatus,
  customerId: string = randomUUID(),
): Promise<string> {
  const orderId = randomUUID();
  await fixture.database.transaction(async (tx) => {
    await fixture.repository.insert(tx, sampleOrder(orderId, customerId), null);
    if (status !== 'PENDING')
      await fixture.repository.changeStatus(tx, orderId, 'PENDING', status, null);
  });
  return orderId;
}

export { eventOf, deliverAsConsumer as deliver } from '@orchard/platform/testing';

export { eventually } from '@orchard/stack';
