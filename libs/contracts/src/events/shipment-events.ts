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

/** One parcel left its warehouse with the carrier: its reserved units are now shipped. */
export const shipmentDispatchedV1 = defineEvent({
  type: 'shipment.dispatched',
  version: 1,
  aggregateType: 'shipment',
  data: z.object({
    orderId: z.uuid(),
    shipmentId: z.uuid(),
    parcelId: z.uuid(),
    warehouse: Warehouse,
    items: z.array(SkuQuantity).min(1),
  }),
});
export type ShipmentDispatchedV1 = EventOf<typeof shipmentDispatchedV1>;

/** The carrier handed one parcel to the customer. */
export const shipmentDeliveredV1 = defineEvent({
  type: 'shipment.delivered',
  version: 1,
  aggregateType: 'shipment',
  data: z.object({ orderId: z.uuid(), shipmentId: z.uuid(), parcelId: z.uuid() }),
});
export type ShipmentDeliveredV1 = EventOf<typeof shipmentDeliveredV1>;

export const shipmentEventContracts = [
  shipmentCreatedV1,
  shipmentCancelledV1,
  shipmentDispatchedV1,
  shipmentDeliveredV1,
] as const;
