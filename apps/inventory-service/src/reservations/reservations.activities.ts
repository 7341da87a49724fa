import type { InventoryActivities } from '@orchard/contracts';
import type { ReservationsService } from './reservations.service';

/** The inventory steps of the order saga, run by this service's Temporal worker. */
export function createInventoryActivities(reservations: ReservationsService): InventoryActivities {
  return {
    reserveStock: ({ orderId, items }) => reservations.reserve(orderId, items),
    releaseStock: ({ orderId }) => reservations.release(orderId),
  };
}
