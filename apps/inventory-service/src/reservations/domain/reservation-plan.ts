import type { OrderLineRequest, Reservation, ReservedLine } from '@orchard/contracts';
import type { OnHandChange } from '../../stock/domain/stock-level';

/** A requested SKU as the catalog holds it, read with its stock row locked. */
export interface StockedProduct {
  sku: string;
  onHand: number;
  priceCents: number;
  warehouse: string;
  lowStockThreshold: number;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
}

export type ReservationPlan =
  | { outcome: 'reservable'; reservation: Reservation; onHandChanges: OnHandChange[] }
  | { outcome: 'unknown-products'; skus: string[] }
  | { outcome: 'out-of-stock'; shortages: Shortage[] };

/** Why a request can never be reserved, whatever the stock; undefined when it is well formed. */
export function requestProblem(items: readonly OrderLineRequest[]): string | undefined {
  if (items.length === 0) return 'a reservation needs at least one line';
  const bad = items.find((item) => !Number.isInteger(item.quantity) || item.quantity < 1);
  return bad && `quantity ${bad.quantity} of ${bad.sku} is not a positive whole number`;
}

/** Code-unit order, the same as SQL's `collate "C"`, so lines and row locks agree on one order. */
export const compareSkus = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One line per SKU, in ascending SKU order: every reservation locks its stock rows in this order,
 * so two orders sharing SKUs queue behind each other instead of deadlocking.
 */
export function mergeRequestedLines(items: readonly OrderLineRequest[]): OrderLineRequest[] {
  const quantityBySku = new Map<string, number>();
  for (const { sku, quantity } of items) {
    quantityBySku.set(sku, (quantityBySku.get(sku) ?? 0) + quantity);
  }
  return [...quantityBySku]
    .map(([sku, quantity]) => ({ sku, quantity }))
    .sort((a, b) => compareSkus(a.sku, b.sku));
}

/** The availability rule: only units on hand can be reserved; reserved ones already belong to an order. */
export const isAvailable = (requested: number, onHand: number): boolean => requested <= onHand;

export const totalCents = (lines: readonly ReservedLine[]): number =>
  lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);

/** Prices a line at the catalog's current price; the client's idea of the price never counts. */
export const priceLine = (line: OrderLineRequest, product: StockedProduct): ReservedLine => ({
  sku: line.sku,
  quantity: line.quantity,
  unitPriceCents: product.priceCents,
  warehouse: product.warehouse,
});

/** All or nothing: every line is reservable, or the plan names what is unknown or short. */
export function planReservation(
  lines: readonly OrderLineRequest[],
  stocked: readonly StockedProduct[],
): ReservationPlan {
  const productBySku = new Map(stocked.map((product) => [product.sku, product]));
  const matched = lines.map((line) => ({ line, product: productBySku.get(line.sku) }));
  const unknown = matched.filter((m) => m.product === undefined).map((m) => m.line.sku);
  if (unknown.length > 0) return { outcome: 'unknown-products', skus: unknown };

  const known = matched.flatMap(({ line, product }) => (product ? [{ line, product }] : []));
  const shortages = known
    .filter(({ line, product }) => !isAvailable(line.quantity, product.onHand))
    .map(({ line, product }) => ({
      sku: line.sku,
      requested: line.quantity,
      available: product.onHand,
    }));
  if (shortages.length > 0) return { outcome: 'out-of-stock', shortages };

  const reserved = known.map(({ line, product }) => priceLine(line, product));
  return {
    outcome: 'reservable',
    reservation: { lines: reserved, totalCents: totalCents(reserved) },
    onHandChanges: known.map(({ line, product }) => ({
      sku: line.sku,
      before: product.onHand,
      after: product.onHand - line.quantity,
      threshold: product.lowStockThreshold,
    })),
  };
}
