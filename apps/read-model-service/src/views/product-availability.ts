import type { ProductUpsertedV1 } from '@orchard/contracts';
import type { Transaction } from '@orchard/platform/database';

export async function upsertProduct(tx: Transaction, event: ProductUpsertedV1): Promise<void> {
  const { sku, name, priceCents, warehouse, lowStockThreshold } = event.data;
  await tx.query(
    `insert into product_availability (sku, name, price_cents, warehouse, low_stock_threshold, updated_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (sku) do update
       set name = excluded.name, price_cents = excluded.price_cents,
           warehouse = excluded.warehouse, low_stock_threshold = excluded.low_stock_threshold,
           updated_at = greatest(product_availability.updated_at, excluded.updated_at)`,
    [sku, name, priceCents, warehouse, lowStockThreshold, event.occurredAt],
  );
}

/**
 * Adds `delta` units per SKU to what is available. Rows are created for SKUs not seen yet and
 * locked in SKU order, the same order in every transaction.
 */
export async function changeAvailable(
  tx: Transaction,
  changes: readonly { sku: string; delta: number }[],
  occurredAt: string,
): Promise<void> {
  await tx.query(
    `insert into product_availability (sku, available, updated_at)
     select sku, sum(delta), $3::timestamptz from unnest($1::text[], $2::int[]) as c (sku, delta)
      group by sku order by sku
     on conflict (sku) do update
       set available = product_availability.available + excluded.available,
           updated_at = greatest(product_availability.updated_at, excluded.updated_at)`,
    [changes.map((c) => c.sku), changes.map((c) => c.delta), occurredAt],
  );
}
