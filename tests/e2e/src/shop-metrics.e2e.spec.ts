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
    for (let n = 0; n < orders; n++) {
      const line = { sku: crumbs.sku, quantity: limits.maxLineQuantity };
      const { body } = await placeOrder(customer, [line]);
      await orderReaching(body.orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);
    }

    let metrics: ShopMetrics | undefined;
    await waitFor(
      async () => {
        const answer: Answer<ShopMetrics> = await call('GET', '/admin/shop-metrics');
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        metrics = answer.body;
        return metrics.topProducts.products.some((p) => p.sku === crumbs.sku);
      },
      { timeoutMs: 30_000, what: `${crumbs.sku} among the best sellers` },
    );
    assert.deepEqual(
      metrics?.topProducts.products.find((p) => p.sku === crumbs.sku),
      { sku: crumbs.sku, units, revenueCents: units },
    );
    const confirmedSoFar = metrics?.perMinute.reduce((sum, m) => sum + m.ordersConfirmed, 0) ?? 0;
    assert.ok(confirmedSoFar >= 1, 'the confirmation is in a minute of the last 15');
    assert.equal(metrics?.perMinute.length, 15);
  });

  it('refuses customers and an instant that is not one', async () => {
    const cookie = customerCookie(await customerWith(0));
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics', undefined, { cookie })), 403);
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics?at=yesterday')), 400);
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics?at=1500-01-01T00:00:00Z')), 400);
    assertProblem(asRaw(await call('GET', '/admin/shop-metrics?window=5')), 400);
  });
});
