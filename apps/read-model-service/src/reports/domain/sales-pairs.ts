/** What a map task reads of one sold order. */
export interface SoldOrder {
  /** The UTC day it was placed, `YYYY-MM-DD`. */
  day: string;
  items: { sku: string; quantity: number; unitPriceCents: number | null }[];
  parcels: { warehouse: string; items: { sku: string; quantity: number }[]; status: string }[];
}

/** A report's two groupings: per product and day, and per warehouse and day. */
export type SalesKind = 'product' | 'warehouse';

/** One (key, value) pair of the job: the key is (kind, day, key), the value units and revenue. */
export interface SalesPair {
  kind: SalesKind;
  day: string;
  key: string;
  units: number;
  revenueCents: number;
}

/**
 * Map: one pair per order line (its product) and one per parcel line (its warehouse, priced at
 * the order's price for that product). A cancelled parcel never left, so it sold nothing.
 */
export function mapSoldOrder(order: SoldOrder): SalesPair[] {
  const priceOf = new Map(order.items.map((item) => [item.sku, item.unitPriceCents ?? 0]));
  const products = order.items.map((item) => ({
    kind: 'product' as const,
    day: order.day,
    key: item.sku,
    units: item.quantity,
    revenueCents: item.quantity * (item.unitPriceCents ?? 0),
  }));
  const warehouses = order.parcels
    .filter((parcel) => parcel.status !== 'CANCELLED')
    .flatMap((parcel) =>
      parcel.items.map((item) => ({
        kind: 'warehouse' as const,
        day: order.day,
        key: parcel.warehouse,
        units: item.quantity,
        revenueCents: item.quantity * (priceOf.get(item.sku) ?? 0),
      })),
    );
  return [...products, ...warehouses];
}

const keyOf = (pair: Pick<SalesPair, 'kind' | 'day' | 'key'>) =>
  `${pair.kind}\u0000${pair.day}\u0000${pair.key}`;

/**
 * Sums pairs of equal key. A map task combines before it writes (fewer rows to shuffle); a
 * reduce task does the same over every map task's output for its keys.
 */
export function sumByKey(pairs: Iterable<SalesPair>): SalesPair[] {
  const sums = new Map<string, SalesPair>();
  for (const pair of pairs) {
    const id = keyOf(pair);
    const sum = sums.get(id);
    if (sum) {
      sum.units += pair.units;
      sum.revenueCents += pair.revenueCents;
    } else sums.set(id, { ...pair });
  }
  return [...sums.values()];
}

/**
 * The reduce task that owns a key (FNV-1a of the key, modulo the reducers): the same on every
 * worker and every run, so one key's pairs from all map tasks meet in one reducer.
 */
export function reducerOf(pair: Pick<SalesPair, 'kind' | 'day' | 'key'>, reducers: number): number {
  let hash = 0x811c9dc5;
  for (const char of keyOf(pair)) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % reducers;
}
