import type { OrderStatus } from '@orchard/contracts';

/** A parcel of the order as shipping reports it. It only ever moves forward. */
export type ParcelStatus = 'CREATED' | 'DISPATCHED' | 'DELIVERED';

const parcelProgress: readonly ParcelStatus[] = ['CREATED', 'DISPATCHED', 'DELIVERED'];

/** The later of two reports about one parcel: a late or repeated event never undoes progress. */
export function laterParcelStatus(a: ParcelStatus, b: ParcelStatus): ParcelStatus {
  return parcelProgress.indexOf(a) >= parcelProgress.indexOf(b) ? a : b;
}

/** True once at least one parcel has left its warehouse. */
export function anyParcelLeft(parcels: readonly ParcelStatus[]): boolean {
  return parcels.some((p) => p !== 'CREATED');
}

/** True when the order has parcels and every one of them has arrived. */
export function allParcelsDelivered(parcels: readonly ParcelStatus[]): boolean {
  return parcels.length > 0 && parcels.every((p) => p === 'DELIVERED');
}

/**
 * The moves an order makes given its parcels, in order: SHIPPED when the first parcel leaves,
 * DELIVERED when the last one arrives (both at once when the news comes late). None for an
 * order that is not CONFIRMED or SHIPPED, e.g. one cancelled meanwhile.
 */
export function fulfilmentMoves(
  status: OrderStatus,
  parcels: readonly ParcelStatus[],
): OrderStatus[] {
  const moves: OrderStatus[] = [];
  let current = status;
  if (current === 'CONFIRMED' && anyParcelLeft(parcels)) {
    moves.push('SHIPPED');
    current = 'SHIPPED';
  }
  if (current === 'SHIPPED' && allParcelsDelivered(parcels)) moves.push('DELIVERED');
  return moves;
}

/** True when the parcels have left but the order is in no state to follow them. */
export function shipmentOutOfStep(status: OrderStatus, parcels: readonly ParcelStatus[]): boolean {
  return anyParcelLeft(parcels) && !['CONFIRMED', 'SHIPPED', 'DELIVERED'].includes(status);
}
