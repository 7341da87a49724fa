import { z } from 'zod';
import { defineEvent, type EventOf } from './define-event';
import { AlwaysNull, Cents, PricedLine, SkuQuantity } from './shared-data';

/** Order events are keyed by order id (topic `order.events`), written by the order service. */

export const orderPlacedV1 = defineEvent({
  type: 'order.placed',
  version: 1,
  aggregateType: 'order',
  data: z.object({
    orderId: z.uuid(),
    customerId: z.uuid(),
    // As the customer asked; prices come later, from the reservation.
    items: z.array(SkuQuantity).min(1),
  }),
});
export type OrderPlacedV1 = EventOf<typeof orderPlacedV1>;

export const orderConfirmedV1 = defineEvent({
  type: 'order.confirmed',
  version: 1,
  aggregateType: 'order',
  data: z.object({
    orderId: z.uuid(),
    status: z.literal('CONFIRMED'),
    previousStatus: z.literal('PENDING'),
    reason: AlwaysNull,
    totalCents: Cents,
    lines: z.array(PricedLine).min(1),
  }),
});
export type OrderConfirmedV1 = EventOf<typeof orderConfirmedV1>;

export const orderRejectedV1 = defineEvent({
  type: 'order.rejected',
  version: 1,
  aggregateType: 'order',
  data: z.object({
    orderId: z.uuid(),
    status: z.literal('REJECTED'),
    previousStatus: z.literal('PENDING'),
    // The business refusal that ended the saga, e.g. an out-of-stock message.
    reason: z.string().min(1),
  }),
});
export type OrderRejectedV1 = EventOf<typeof orderRejectedV1>;

export const orderCancelledV1 = defineEvent({
  type: 'order.cancelled',
  version: 1,
  aggregateType: 'order',
  data: z.object({
    orderId: z.uuid(),
    status: z.literal('CANCELLED'),
    previousStatus: z.enum(['PENDING', 'CONFIRMED']),
    reason: z.string().min(1),
  }),
});
export type OrderCancelledV1 = EventOf<typeof orderCancelledV1>;

/**
 * The saga could not complete for a technical reason (a step kept failing past its bound, a
 * bug), not a business one: what was done is undone, and the cause is kept for the operator.
 */
export const orderFailedV1 = defineEvent({
  type: 'order.failed',
  version: 1,
  aggregateType: 'order',
  data: z.object({
    orderId: z.uuid(),
    status: z.literal('FAILED'),
    previousStatus: z.literal('PENDING'),
    // The step that failed and its last error, e.g. `authorizing payment: …`.
    reason: z.string().min(1),
  }),
});
export type OrderFailedV1 = EventOf<typeof orderFailedV1>;

/** The first of the order's parcels left its warehouse: the order can no longer be cancelled. */
export const orderShippedV1 = defineEvent({
  type: 'order.shipped',
  version: 1,
  aggregateType: 'order',
  data: z.object({
    orderId: z.uuid(),
    status: z.literal('SHIPPED'),
    previousStatus: z.literal('CONFIRMED'),
    reason: AlwaysNull,
  }),
});
export type OrderShippedV1 = EventOf<typeof orderShippedV1>;

/** Every parcel of the order reached the customer. */
export const orderDeliveredV1 = defineEvent({
  type: 'order.delivered',
  version: 1,
  aggregateType: 'order',
  data: z.object({
    orderId: z.uuid(),
    status: z.literal('DELIVERED'),
    previousStatus: z.literal('SHIPPED'),
    reason: AlwaysNull,
  }),
});
export type OrderDeliveredV1 = EventOf<typeof orderDeliveredV1>;

export const orderEventContracts = [
  orderPlacedV1,
  orderConfirmedV1,
  orderRejectedV1,
  orderCancelledV1,
  orderFailedV1,
  orderShippedV1,
  orderDeliveredV1,
] as const;
