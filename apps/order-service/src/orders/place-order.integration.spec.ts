import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { PlaceOrderInput } from '@orchard/contracts';
import { ConflictError } from '@orchard/platform';
import type { SagaStarter } from './saga-starter';
import { startOrders, type OrderFixture } from '../testing/integration-fixture';

/** Counts the sagas it is asked to start; a real start is idempotent by workflow id too. */
class CountingSaga {
  readonly started: string[] = [];
  async start(input: PlaceOrderInput): Promise<void> {
    this.started.push(input.orderId);
  }
  reportShipped(): Promise<void> {
    return Promise.resolve(); // no order of these ships
  }
}

const command = (customerId: string, orderId: string) => ({
  orderId,
  customerId,
  items: [{ sku: 'TEA-IT', quantity: 1 }],
  shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' },
});

describe('placing an order with an id of the caller (a retried command)', () => {
  let fixture: OrderFixture;
  const saga = new CountingSaga();

  before(async () => {
    fixture = await startOrders(saga as unknown as SagaStarter);
  });
  after(() => fixture.database.close());

  it('records the order once and answers the retry with its current status', async () => {
    const [customerId, orderId] = [randomUUID(), randomUUID()];
    const first = await fixture.orders.place(command(customerId, orderId));
    const retry = await fixture.orders.place(command(customerId, orderId));
    assert.deepEqual(first, { orderId, status: 'PENDING' });
    assert.deepEqual(retry, { orderId, status: 'PENDING' });

    const counts = await fixture.database.query<{ orders: number; items: number; events: number }>(
      `select (select count(*) from orders where id = $1)::int as orders,
              (select count(*) from order_items where order_id = $1)::int as items,
              (select count(*) from outbox where aggregateid = $1::text)::int as events`,
      [orderId],
    );
    assert.deepEqual(counts[0], { orders: 1, items: 1, events: 1 });
    assert.deepEqual(
      saga.started.filter((id) => id === orderId),
      [orderId, orderId],
      'the saga start is simply repeated',
    );
  });

  it("refuses an id that is someone else's order", async () => {
    const orderId = randomUUID();
    await fixture.orders.place(command(randomUUID(), orderId));
    await assert.rejects(fixture.orders.place(command(randomUUID(), orderId)), ConflictError);
  });
});
