import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { OrderStatus } from '@orchard/contracts';
import { Database, migrate } from '@orchard/platform';
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
    await fixture.repository.insert(
      tx,
      {
        orderId,
        customerId: randomUUID(),
        items: [{ sku: 'TEA-IT', quantity: 2 }],
        shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' },
      },
      null,
    );
    if (status !== 'PENDING')
      await fixture.repository.changeStatus(tx, orderId, 'PENDING', status, null);
  });
  return orderId;
}

export { eventOf, deliverAsConsumer as deliver } from '@orchard/platform';

export { eventually } from '@orchard/stack';
