/**
 * How often the simulated carrier looks for parcels due: a quarter of the delivery delay, so a
 * parcel arrives at most a quarter late, but no busier than 20 times a second and no lazier
 * than once a second.
 */
export function carrierPollIntervalMs(deliveryDelayMs: number): number {
  return Math.min(1_000, Math.max(50, Math.round(deliveryDelayMs / 4)));
}
