import type { ShippingActivities } from '@orchard/contracts';
import type { ShipmentsService } from './shipments.service';

/** The shipping steps of the order saga, run by this service's Temporal worker. */
export function createShippingActivities(shipments: ShipmentsService): ShippingActivities {
  return {
    createShipment: ({ orderId, lines, shippingAddress }) =>
      shipments.create(orderId, lines, shippingAddress),
    cancelShipment: ({ orderId }) => shipments.cancel(orderId),
  };
}
