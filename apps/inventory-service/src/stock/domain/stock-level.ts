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

/** on_hand after an adjustment, or undefined when it would go negative: units not there cannot leave. */
export function adjustedOnHand(onHand: number, delta: number): number | undefined {
  const after = onHand + delta;
  return after < 0 ? undefined : after;
}
