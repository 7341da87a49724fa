import { limits } from '@orchard/contracts';

/** A change of a SKU's on_hand, with the product's low-stock threshold at that moment. */
export interface OnHandChange {
  sku: string;
  before: number;
  after: number;
  threshold: number;
}

/**
 * True when the change takes on_hand from at or above the threshold to below it. Alerting on
 * the crossing, not on every change below it, sends one alert per shortage instead of one per sale.
 */
export function fellBelowThreshold({ before, after, threshold }: OnHandChange): boolean {
  return before >= threshold && after < threshold;
}

/** on_hand after an adjustment, or why it cannot be made. */
export type AdjustedOnHand =
  { onHand: number } | { refusal: 'insufficient-stock' | 'stock-limit'; detail: string };

/**
 * Units not there cannot leave, and a SKU holds at most `limits.maxStockUnits`: every count
 * the system sums then stays an exact number.
 */
export function adjustedOnHand(onHand: number, delta: number): AdjustedOnHand {
  const after = onHand + delta;
  if (after < 0)
    return { refusal: 'insufficient-stock', detail: `only ${onHand} on hand, ${-delta} to remove` };
  if (after > limits.maxStockUnits)
    return { refusal: 'stock-limit', detail: `a SKU holds at most ${limits.maxStockUnits} units` };
  return { onHand: after };
}
