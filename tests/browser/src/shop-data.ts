import { randomUUID } from 'node:crypto';
import { call } from '@orchard/e2e';

export interface ShownProduct {
  sku: string;
  name: string;
  priceCents: number;
}

/**
 * A product of the test's own that the catalog lists first: the catalog is ordered by SKU, and
 * a newer test's SKU sorts before every older one (a countdown of seconds, after a leading 0).
 */
export async function productShownFirst(
  stock: number,
  priceCents: number,
  lowStockThreshold = 0,
): Promise<ShownProduct> {
  const countdown = String(9_999_999_999 - Math.floor(Date.now() / 1000)).padStart(10, '0');
  const sku = `0${countdown}-${randomUUID().slice(0, 4).toUpperCase()}`;
  const name = `Browser tea ${sku.slice(-4)}`;
  const upsert = await call('PUT', `/admin/products/${sku}`, {
    name,
    priceCents,
    warehouse: 'north',
    lowStockThreshold,
  });
  if (upsert.status !== 200)
    throw new Error(`could not create ${sku}: ${JSON.stringify(upsert.body)}`);
  if (stock > 0) {
    const adjusted = await call('POST', `/admin/products/${sku}/stock-adjustments`, {
      delta: stock,
      reason: 'browser test stock',
    });
    if (adjusted.status !== 201) throw new Error(`could not stock ${sku}`);
  }
  return { sku, name, priceCents };
}

/** A shopper's credentials, not yet signed up: the browser test signs up through the page. */
export function newShopper(): { email: string; password: string } {
  return { email: `shopper-${randomUUID()}@example.test`, password: `pw-${randomUUID()}` };
}
