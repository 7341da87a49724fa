import { z } from 'zod';
import { defineEvent, type EventOf } from './define-event';
import { SkuQuantity, Warehouse } from './shared-data';

/** Shipment events are keyed by order id (topic `shipment.events`), written by shipping. */

export const shipmentCreatedV1 = defineEvent({
  type: 'shipment.created',
  version: 1,
  aggregateType: 'shipment',
  data: z.object({
    orderId: z.uuid(),
    shipmentId: z.uuid(),
    // One parcel per warehouse the order's lines come from.
    parcels: z
      .array(
        z.object({
          parcelId: z.uuid(),
          warehouse: Warehouse,
          items: z.array(SkuQuantity).min(1),
        }),
      )
      .min(1),
  }),
});
export type ShipmentCreatedV1 = EventOf<typeof shipmentCreatedV1>;

/** The saga's compensation: the shipment will not leave. */
export const shipmentCancelledV1 = defineEvent({
  type: 'shipment.cancelled',
  version: 1,
  aggregateType: 'shipment',
  data: z.object({ orderId: z.uuid() }),
});
export type ShipmentCancelledV1 = EventOf<typeof shipmentCancelledV1>;

export const shipmentEventContracts = [shipmentCreatedV1, shipmentCancelledV1] as const;
