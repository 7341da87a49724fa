import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { SalesReport } from '@orchard/contracts';
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

/** A UTC day, `days` from today. */
const dayFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Requests a report through the gateway and reads it until its job has finished. */
async function completedReport(from: string, to: string): Promise<SalesReport> {
  const requested = await call<SalesReport>('POST', '/admin/sales-reports', { from, to });
  assert.equal(requested.status, 202, JSON.stringify(requested.body));
  assert.equal(requested.body.status, 'RUNNING');
  let report: SalesReport = requested.body;
  await waitFor(
    async () => {
      const answer: Answer<SalesReport> = await call('GET', `/admin/sales-reports/${report.id}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      report = answer.body;
      return report.status !== 'RUNNING';
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `sales report ${report.id} to finish` },
  );
  return report;
}

describe('sales reports through the gateway', () => {
  it("counts this spec's own sale under its product and its warehouse, on the day it was placed", async () => {
    // A product and a warehouse nobody else sells from: their figures are this sale alone.
    const warehouse = `spec-${randomUUID().slice(0, 8)}`;
    const jam = await stockedProduct(10, 350, warehouse);
    const customer = await customerWith(5_000);
    const { body } = await placeOrder(customer, [{ sku: jam.sku, quantity: 3 }]);
    const sold = await orderReaching(body.orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);
    const day = sold.createdAt.slice(0, 10);

    const report = await completedReport(dayFromToday(-1), dayFromToday(1));
    assert.equal(report.status, 'COMPLETED', report.reason ?? '');
    assert.ok((report.orders ?? 0) >= 1);
    assert.deepEqual(
      report.products.filter((line) => line.sku === jam.sku),
      [{ day, sku: jam.sku, units: 3, revenueCents: 1_050 }],
    );
    assert.deepEqual(
      report.warehouses.filter((line) => line.warehouse === warehouse),
      [{ day, warehouse, units: 3, revenueCents: 1_050 }],
    );
  });

  it('refuses customers, days the wrong way round, too long a span and unknown reports', async () => {
    const customer = await customerWith(0);
    const cookie = customerCookie(customer);
    const body = { from: dayFromToday(-1), to: dayFromToday(0) };
    assertProblem(asRaw(await call('POST', '/admin/sales-reports', body, { cookie })), 403);
    assertProblem(asRaw(await call('POST', '/admin/sales-reports', body, { cookie: '' })), 401);
    const backwards = { from: dayFromToday(0), to: dayFromToday(-1) };
    assertProblem(asRaw(await call('POST', '/admin/sales-reports', backwards)), 400);
    const tooLong = { from: '2024-01-01', to: '2025-01-01' };
    assertProblem(asRaw(await call('POST', '/admin/sales-reports', tooLong)), 400);
    assertProblem(asRaw(await call('POST', '/admin/sales-reports', { from: 'yesterday' })), 400);
    assertProblem(asRaw(await call('GET', `/admin/sales-reports/${randomUUID()}`)), 404);
    assertProblem(asRaw(await call('GET', '/admin/sales-reports/not-a-report')), 400);
  });
});
