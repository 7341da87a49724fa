import assert from 'node:assert/strict';
import type { CustomerOrder, OrderSummary, OrderView, ProductView } from '@orchard/contracts';
import { appPorts, appUrl } from '@orchard/stack';
import { operatorGet } from './service-calls';
import { allPages, call } from './shop-client';

/**
 * The read models against the services that own the data. Tests may ask a service directly,
 * as the gateway does: the order and inventory services' own answers are what the views must show.
 */
const orderService = appUrl(appPorts.order);
const inventoryService = appUrl(appPorts.inventory);

/** The order service's own answer, asked as an operator's consistency check may. */
export const orderFromService = (orderId: string): Promise<OrderView> =>
  operatorGet<OrderView>(orderService, 'order-service', `/orders/${orderId}`);

const productFromService = (sku: string): Promise<ProductView> =>
  operatorGet<ProductView>(inventoryService, 'inventory-service', `/products/${sku}`);

/** What the read model and the order service must agree on. */
const comparable = (order: OrderSummary | OrderView) => ({
  status: order.status,
  reason: order.reason,
  totalCents: order.totalCents,
  items: [...order.items]
    .sort((x, y) => x.sku.localeCompare(y.sku))
    .map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
  history: order.history.map((h) => h.status),
});

/**
 * Polls until `differences` finds none, then returns; after `timeoutMs` returns the last ones
 * found, for the caller to assert on, so a failure shows what still differs.
 */
export async function untilNoDifferences<T>(
  differences: () => Promise<T[]>,
  timeoutMs = 60_000,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await differences().catch((error: unknown) => [String(error) as T]);
    if (found.length === 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Every order's summary (through the gateway) matches the order service's own answer, its
 * status history included, so a status applied twice would show; every customer's history
 * lists exactly their orders, newest first; every product shows what inventory has on hand.
 */
export async function assertViewsConverged(
  shop: { customers: readonly string[]; skus: readonly string[] },
  orders: readonly { orderId: string; customerId: string }[],
): Promise<void> {
  const orderDifferences = await untilNoDifferences(async () => {
    const differing = [];
    for (const { orderId } of orders) {
      const truth = comparable(await orderFromService(orderId));
      const answer = await call<OrderSummary>('GET', `/orders/${orderId}`);
      const shown = answer.status === 200 ? comparable(answer.body) : answer.status;
      if (JSON.stringify(shown) !== JSON.stringify(truth))
        differing.push({ orderId, shown, truth });
    }
    return differing;
  });
  assert.deepEqual(orderDifferences, [], 'every order summary matches the order service');

  const customerDifferences = await untilNoDifferences(async () => {
    const differing = [];
    for (const customerId of shop.customers) {
      const history = await allPages<CustomerOrder>(`/customers/${customerId}/orders`);
      const expected = orders.filter((o) => o.customerId === customerId).map((o) => o.orderId);
      const newestFirst = history.every(
        (o, i) => i === 0 || (history[i - 1]?.placedAt ?? '') >= o.placedAt,
      );
      const listed = history.map((o) => o.orderId);
      if (
        listed.length !== expected.length ||
        !expected.every((id) => listed.includes(id)) ||
        !newestFirst
      )
        differing.push({ customerId, listed, expected });
    }
    return differing;
  });
  assert.deepEqual(customerDifferences, [], "every customer's history lists their orders");

  const productDifferences = await untilNoDifferences(async () => {
    const shown = new Map(
      (await allPages<ProductView>('/products')).map((p) => [p.sku, p.available]),
    );
    const differing = [];
    for (const sku of shop.skus) {
      const { available } = await productFromService(sku);
      if (shown.get(sku) !== available) differing.push({ sku, shown: shown.get(sku), available });
    }
    return differing;
  });
  assert.deepEqual(productDifferences, [], 'availability matches inventory');
}
