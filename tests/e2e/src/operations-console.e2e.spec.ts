import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  EventConsumerProgress,
  OperatorOrder,
  OrderTrace,
  Page,
  StockLevel,
} from '@orchard/contracts';
import { waitFor } from '@orchard/stack';
import { whileDispatchIsHeld } from './fulfilment';
import { assertProblem } from './problem-assertions';
import { rawRequest } from './raw-http';
import {
  asRaw,
  call,
  customerWith,
  orderReaching,
  placeOrder,
  stockedProduct,
  type Answer,
} from './shop-client';
import { customerCookie } from './sessions';

/** Pages through the orders in one status until `orderId` shows up. */
async function operatorOrder(status: string, orderId: string): Promise<OperatorOrder | undefined> {
  let cursor: string | null = null;
  do {
    const query = `status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const page: Answer<Page<OperatorOrder>> = await call('GET', `/admin/orders?${query}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    const found = page.body.items.find((o) => o.orderId === orderId);
    if (found) return found;
    cursor = page.body.nextCursor;
  } while (cursor);
  return undefined;
}

const dispatchGroup = 'shipping-service.dispatch';

describe("the operations console's API", () => {
  it("lists an order by status with its saga's current step and its workflow's page", async () => {
    const tea = await stockedProduct(5, 400);
    const customer = await customerWith(5_000);
    await whileDispatchIsHeld(async () => {
      const { body } = await placeOrder(customer, [{ sku: tea.sku, quantity: 1 }]);
      await orderReaching(body.orderId, ['CONFIRMED']);
      let listed: OperatorOrder | undefined;
      await waitFor(
        async () => (listed = await operatorOrder('CONFIRMED', body.orderId)) !== undefined,
        { timeoutMs: 30_000, what: 'the confirmed order in the console list' },
      );
      assert.equal(listed?.customerId, customer);
      assert.equal(listed?.totalCents, 400);
      // Confirmed, its parcel not dispatched: the saga waits for the shipment.
      assert.equal(listed?.sagaStep, 'awaiting shipment');
      assert.match(listed?.temporalUrl ?? '', new RegExp(`/workflows/order-${body.orderId}$`));

      // The dispatch consumer cannot get past the held order: Kafka shows its lag.
      const groups = await call<EventConsumerProgress[]>('GET', '/admin/consumer-groups');
      assert.equal(groups.status, 200);
      const dispatch = groups.body.find((g) => g.group === dispatchGroup);
      assert.ok(dispatch, `${dispatchGroup} among ${groups.body.map((g) => g.group).join(', ')}`);
      assert.ok(dispatch.lag >= 1, `the held dispatch consumer lags: ${JSON.stringify(dispatch)}`);
      assert.ok(dispatch.topics.some((t) => t.topic === 'order.events' && t.lag >= 1));
    });
    // Released, the consumer catches up on its topic.
    await waitFor(
      async () => {
        const groups = await call<EventConsumerProgress[]>('GET', '/admin/consumer-groups');
        const dispatch = groups.body.find((g) => g.group === dispatchGroup);
        return dispatch !== undefined && dispatch.topics.every((t) => t.lag === 0);
      },
      { timeoutMs: 60_000, what: 'the dispatch consumer to catch up' },
    );
  });

  it('names every service consumer group, with dead letters counted', async () => {
    const groups = await call<EventConsumerProgress[]>('GET', '/admin/consumer-groups');
    const names = groups.body.map((g) => g.group);
    for (const group of ['read-model-service.views', dispatchGroup])
      assert.ok(names.includes(group), `${group} in ${names.join(', ')}`);
    for (const g of groups.body) {
      assert.ok(Number.isInteger(g.deadLetters) && g.deadLetters >= 0, JSON.stringify(g));
      assert.equal(
        g.lag,
        g.topics.reduce((sum, t) => sum + t.lag, 0),
        JSON.stringify(g),
      );
    }
  });

  it("marks a product low once its stock is at or below the product's alert level", async () => {
    const low = await stockedProduct(3, 500);
    const plenty = await stockedProduct(50, 500);
    for (const product of [low, plenty]) {
      const upsert = await call('PUT', `/admin/products/${product.sku}`, {
        name: `Test ${product.sku}`,
        priceCents: 500,
        warehouse: product.warehouse,
        lowStockThreshold: 5,
      });
      assert.equal(upsert.status, 200);
    }
    const stock = await call<StockLevel[]>('GET', '/admin/stock');
    assert.equal(stock.status, 200);
    const levelOf = (sku: string) => stock.body.find((s) => s.sku === sku);
    assert.deepEqual(
      [levelOf(low.sku)?.available, levelOf(low.sku)?.low, levelOf(plenty.sku)?.low],
      [3, true, false],
    );
    // Lowest against its alert level first.
    assert.ok(
      stock.body.findIndex((s) => s.sku === low.sku) <
        stock.body.findIndex((s) => s.sku === plenty.sku),
    );
  });

  it("draws an order's trace from Jaeger: the gateway's request at the root, the saga below", async () => {
    const tea = await stockedProduct(5, 300);
    const customer = await customerWith(1_000);
    const { body } = await placeOrder(customer, [{ sku: tea.sku, quantity: 1 }]);
    // The workflow's span ends with the saga, once the order has shipped.
    await orderReaching(body.orderId, ['SHIPPED', 'DELIVERED']);
    let trace: OrderTrace | undefined;
    await waitFor(
      async () => {
        const answer = await call<OrderTrace>('GET', `/admin/orders/${body.orderId}/trace`);
        if (answer.status === 404) return false;
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        trace = answer.body;
        // A span is exported when it ends, after its children: until its parent has arrived,
        // a child is drawn as a root of its own.
        return (
          trace.spans.some((s) => s.operation === 'RunActivity:confirmOrder') &&
          trace.spans.filter((s) => s.parentSpanId === null).length === 1
        );
      },
      { timeoutMs: 60_000, what: "the order's whole trace in Jaeger" },
    );
    const spans = trace?.spans ?? [];
    const roots = spans.filter((s) => s.parentSpanId === null);
    assert.deepEqual(
      roots.map((s) => s.service),
      ['gateway'],
    );
    assert.equal(spans[0]?.startMicros, 0, 'times are relative to the first span');
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const confirm = spans.find((s) => s.operation === 'RunActivity:confirmOrder');
    const ancestry: string[] = [];
    for (let s = confirm; s; s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined)
      ancestry.push(s.service);
    assert.equal(ancestry.at(-1), 'gateway', `confirmOrder descends from the gateway: ${ancestry}`);
    assert.ok(spans.some((s) => s.attributes['order.id'] === body.orderId));
  });

  it('refuses all of it to customers, and says what is wrong with a bad request', async () => {
    const customer = await customerWith(0);
    const cookie = customerCookie(customer);
    for (const path of [
      '/admin/orders?status=PENDING',
      '/admin/consumer-groups',
      '/admin/stock',
      `/admin/orders/${customer}/trace`,
    ])
      assertProblem(asRaw(await call('GET', path, undefined, { cookie })), 403);
    assertProblem(asRaw(await call('GET', '/admin/orders?status=LOST')), 400);
    assertProblem(asRaw(await call('GET', '/admin/orders')), 400);
    assertProblem(asRaw(await call('GET', `/admin/orders/${customer}/trace`)), 404);
  });

  it("serves the console's page to administrators only", async () => {
    const customer = await customerWith(0);
    // Anonymous: sent to log in first.
    const { status, headers } = await rawRequest({ path: '/console/', anonymous: true });
    assert.equal(status, 302);
    assert.equal(headers['location'], '/shop/login?next=%2Fconsole%2F');
    assertProblem(
      await rawRequest({ path: '/console/', headers: { cookie: customerCookie(customer) } }),
      403,
    );
    const page = await rawRequest({ path: '/console/orders/anything' });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
  });
});
