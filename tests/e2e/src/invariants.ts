import assert from 'node:assert/strict';
import { Client } from 'pg';
import { typeParsers } from '@orchard/platform/database';
import { postgresUrl, type DatabaseOwner } from '@orchard/stack';
import { wallet } from './shop-client';

export async function withDatabase<T>(
  owner: DatabaseOwner,
  work: (db: Client) => Promise<T>,
): Promise<T> {
  const db = new Client({ connectionString: postgresUrl(owner), types: typeParsers });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/**
 * Units are never created or lost by orders: per product, on hand + reserved + shipped equals
 * what the stock adjustments put in.
 */
export async function assertStockConserved(skus: string[]): Promise<void> {
  const rows = await withDatabase('inventory', async (db) =>
    (
      await db.query<{ sku: string; held: string; adjusted: string }>(
        `select s.sku, s.on_hand + s.reserved + s.shipped as held,
                coalesce((select sum(a.delta) from stock_adjustments a where a.sku = s.sku), 0)::bigint as adjusted
           from stock s where s.sku = any($1)`,
        [skus],
      )
    ).rows.map((row) => ({ sku: row.sku, held: Number(row.held), adjusted: Number(row.adjusted) })),
  );
  assert.equal(rows.length, skus.length, 'every product has a stock row');
  for (const row of rows) assert.equal(row.held, row.adjusted, `units of ${row.sku} are conserved`);
  for (const row of rows) assert.ok(row.held >= 0);
}

/**
 * Money is never created or lost: per wallet, what was deposited equals the balance the
 * payment service reports plus what it holds for authorizations plus what it captured.
 */
export async function assertMoneyConserved(customerIds: string[]): Promise<void> {
  for (const customerId of customerIds) {
    const ledger = await withDatabase('payment', async (db) => {
      const deposited = await db.query(
        `select coalesce(sum((data->>'amountCents')::bigint), 0)::bigint as cents
           from account_events where account_id = $1 and type = 'funds.deposited'`,
        [customerId],
      );
      const payments = await db.query(
        `select coalesce(sum(amount_cents) filter (where status = 'CAPTURED'), 0)::bigint as captured,
                coalesce(sum(amount_cents) filter (where status = 'AUTHORIZED'), 0)::bigint as held
           from payments where account_id = $1`,
        [customerId],
      );
      return {
        // bigint sums: pg hands them over as text.
        deposited: Number(deposited.rows[0].cents),
        captured: Number(payments.rows[0].captured),
        held: Number(payments.rows[0].held),
      };
    });
    const reported = await wallet(customerId);
    assert.equal(reported.heldCents, ledger.held, `held money of ${customerId}`);
    assert.equal(
      reported.balanceCents + reported.heldCents + ledger.captured,
      ledger.deposited,
      `money of ${customerId} is conserved`,
    );
    assert.ok(reported.balanceCents >= 0, `no negative balance for ${customerId}`);
  }
}

export async function countOrdersOf(customerId: string): Promise<number> {
  return withDatabase('order', async (db) =>
    Number(
      (await db.query('select count(*) from orders where customer_id = $1', [customerId])).rows[0]
        .count,
    ),
  );
}

/** The order's status where it is decided: the order service's own database. */
export async function orderStatus(orderId: string): Promise<string | undefined> {
  return withDatabase(
    'order',
    async (db) =>
      (await db.query('select status from orders where id = $1', [orderId])).rows[0]?.status,
  );
}

export async function paymentStatus(orderId: string): Promise<string | undefined> {
  return withDatabase(
    'payment',
    async (db) =>
      (await db.query('select status from payments where order_id = $1', [orderId])).rows[0]
        ?.status,
  );
}

export async function reservationStatuses(orderId: string): Promise<string[]> {
  return withDatabase('inventory', async (db) =>
    (
      await db.query('select status from reservations where order_id = $1 order by sku', [orderId])
    ).rows.map((r) => r.status),
  );
}
