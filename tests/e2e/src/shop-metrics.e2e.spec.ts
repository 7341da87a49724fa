import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits, type ShopMetrics } from '@orchard/contracts';
import { waitFor } from '@orchard/stack';
import { assertProblem } from './problem-assertions';
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

describe('live shop metrics through the gateway', () => {
  it("counts this spec's sale among the best sellers and in its minute, as the events stream", async () => {
    // Far more units than any other spec sells of one product: it must rank among the best.
    const orders = 3;
    const units = orders * limits.maxLineQuantity;
    const crumbs = await stockedProduct(units, 1);
    const customer = await customerWith(units);
    const readMetrics = async (): Promise<ShopMetrics> => {
      const answer: Answer<ShopMetrics> = await call('GET', '/admin/shop-metrics');
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    };
    // Confirmations in the minutes from this spec's first on: earlier minutes may leave the
    // window while it runs, these cannot.
    const before = await readMetrics();
    const from = before.perMinute.at(-1)?.minute ?? '';
    const confirmedSince = (metrics: ShopMetrics) =>
      metrics.perMinute
        .filter((window) => window.minute >= from)
        .reduce((sum, window) => sum + window.ordersConfirmed, 0);
    for (let n = 0; n < orders; n++) {
      const line = { sku: crumbs.sku, quantity: limits.maxLineQuantity };
      const { body } = await placeOrder(customer, [line]);
      await orderReaching(body.orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);
    }

    let metrics = before;
    await waitFor(
      async () => {
        metrics = await readMetrics();
        return (
          metrics.topProducts.products.some((p) => p.sku === crumbs.sku) &&
          confirmedSince(metrics) >= confirmedSince(before) + orders
        );
      },
      { timeoutMs: 30_000, what: `${crumbs.sku} among the best sellers, ${orders} more confirmed` },
    );
    assert.deepEqual(
      metrics.topProducts.products.find((p) => p.sku === crumbs.sku),
      { sku: crumbs.sku, units, revenueCents: units },
    );
    assert.equal(metrics.perMinute.length, 15);
  });

  it('refuses customers and an instant that is not one', async () => {
    const cookie = customerCookie(await customerWith(0));
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics', undefined, { cookie })), 403);
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics?at=yesterday')), 400);
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics?at=1500-01-01T00:00:00Z')), 400);
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics?window=5')), 400);
  });
});
