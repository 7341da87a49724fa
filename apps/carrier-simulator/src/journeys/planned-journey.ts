import { createHash } from 'node:crypto';
import type { CarrierStatus } from '@orchard/contracts';

/** One update of a parcel's journey, due `afterMs` from its handover. */
export interface PlannedUpdate {
  sequence: number;
  status: CarrierStatus;
  afterMs: number;
}

/** A number in [0, 1) that is the same for the same parcel every time. */
function parcelDraw(parcelId: string): number {
  return createHash('sha256').update(parcelId).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * A parcel's journey, the same each time it is asked for: picked up at a quarter of the delay,
 * in transit at half, delivered at the end; for `failedDeliveryRate` of parcels the first
 * attempt fails and a second one, half a delay later, succeeds. Because the journey depends on
 * the parcel alone, a parcel handed over again (the shop heard nothing for too long) is
 * reported with the same sequence numbers, and the shop can tell what it already has.
 */
export function plannedJourney(
  parcelId: string,
  deliveryDelayMs: number,
  failedDeliveryRate: number,
): PlannedUpdate[] {
  const at = (fraction: number) => Math.round(deliveryDelayMs * fraction);
  const legs: [CarrierStatus, number][] =
    parcelDraw(parcelId) < failedDeliveryRate
      ? [
          ['PICKED_UP', at(0.25)],
          ['IN_TRANSIT', at(0.5)],
          ['FAILED_DELIVERY', at(1)],
          ['IN_TRANSIT', at(1.25)],
          ['DELIVERED', at(1.5)],
        ]
      : [
          ['PICKED_UP', at(0.25)],
          ['IN_TRANSIT', at(0.5)],
          ['DELIVERED', at(1)],
        ];
  return legs.map(([status, afterMs], index) => ({ sequence: index + 1, status, afterMs }));
}
