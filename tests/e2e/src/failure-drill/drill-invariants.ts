import assert from 'node:assert/strict';
import { waitFor } from '@orchard/stack';
import { assertMoneyConserved, assertStockConserved, withDatabase } from '../invariants';
import { assertViewsConverged } from '../views-convergence';
import type { DrillShop, PlacedOrder } from './order-stream';

const finalStatuses = ['DELIVERED', 'REJECTED', 'CANCELLED'];

/** Each order's status where it is decided, for the given ids. */
export async function statusesOf(orderIds: readonly string[]): Promise<Map<string, string>> {
  return withDatabase('order', async (db) => {
    const { rows } = await db.query<{ id: string; status: string }>(
      'select id, status from orders where id = any($1)',
      [orderIds],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  });
}

/** Waits until every order is decided for good (delivered, rejected or cancelled). */
export async function untilAllFinal(orderIds: readonly string[], timeoutMs: number): Promise<void> {
  let open: string[] = [];
  await waitFor(
    async () => {
      const statuses = await statusesOf(orderIds);
      open = orderIds.filter((id) => !finalStatuses.includes(statuses.get(id) ?? ''));
      return open.length === 0;
    },
    { timeoutMs, intervalMs: 1_000, what: `every accepted order to finish (open: ${open.length})` },
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; still open: ${open.slice(0, 10).join(', ')}`);
  });
}

/**
 * What must hold after any fault: every request got a final answer; every accepted order
 * finished, exists once and nothing else was created; each was charged at most once and a
 * delivered one exactly once, for its total; stock and money are conserved; the views show
 * every order as the order service decided it.
 */
export async function assertDrillInvariants(
  shop: DrillShop,
  orders: readonly PlacedOrder[],
): Promise<void> {
  const unanswered = orders.filter((o) => o.orderId === undefined && o.outcome !== '202');
  assert.deepEqual(
    unanswered.map((o) => o.outcome),
    [],
    'every order request got a final answer (careful clients retry until they do)',
  );
  const accepted = orders.flatMap((o) => (o.orderId ? [o.orderId] : []));
  assert.ok(accepted.length > 0, 'orders were accepted');
  await untilAllFinal(accepted, 240_000);

  const created = await withDatabase('order', async (db) =>
    (
      await db.query<{ id: string }>('select id from orders where customer_id = any($1)', [
        shop.customerIds,
      ])
    ).rows.map((r) => r.id),
  );
  assert.deepEqual(new Set(created), new Set(accepted), 'exactly the accepted orders exist');

  const charges = await withDatabase(
    'payment',
    async (db) =>
      (
        await db.query<{ orderId: string; captures: number }>(
          `select data->>'orderId' as "orderId", count(*)::int as captures
           from account_events where type = 'payment.captured' and account_id = any($1)
          group by 1`,
          [shop.customerIds],
        )
      ).rows,
  );
  assert.deepEqual(
    charges.filter((c) => c.captures > 1),
    [],
    'no order was charged twice',
  );
  const statuses = await statusesOf(accepted);
  const charged = new Set(charges.map((c) => c.orderId));
  const deliveredUncharged = accepted.filter(
    (id) => statuses.get(id) === 'DELIVERED' && !charged.has(id),
  );
  assert.deepEqual(deliveredUncharged, [], 'every delivered order was charged');

  await assertStockConserved(shop.skus);
  await assertMoneyConserved(shop.customerIds);
  await assertViewsConverged(
    { customers: shop.customerIds, skus: shop.skus },
    orders.flatMap((o) => (o.orderId ? [{ orderId: o.orderId, customerId: o.customerId }] : [])),
  );
}
