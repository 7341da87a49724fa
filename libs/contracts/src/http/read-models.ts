import { z } from 'zod';
import { OrderStatus } from './orders';
import { PageRequest, pageOf } from './paging';

/**
 * What the read-model service answers: views built from events, so they trail the owning
 * services by the time an event takes to travel (eventually consistent), and say nothing the
 * events do not carry (an order's shipping address stays with the order service).
 */

export const PaymentStatus = z.enum(['AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const ReservationStatus = z.enum(['RESERVED', 'RELEASED', 'COMMITTED']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

/** A parcel's status, and the shipment's: DISPATCHED once any parcel left, DELIVERED once all arrived. */
export const ShipmentStatus = z.enum(['CREATED', 'CANCELLED', 'DISPATCHED', 'DELIVERED']);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

const SkuQuantity = z.object({ sku: z.string(), quantity: z.number().int() });

export const OrderSummary = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  status: OrderStatus,
  reason: z.string().nullable(),
  /** Known once the order is confirmed, as are the items' prices. */
  totalCents: z.number().int().nullable(),
  items: z.array(SkuQuantity.extend({ unitPriceCents: z.number().int().nullable() })),
  payment: z.object({ status: PaymentStatus, amountCents: z.number().int() }).nullable(),
  reservation: z.object({ status: ReservationStatus }).nullable(),
  shipment: z
    .object({
      shipmentId: z.uuid(),
      status: ShipmentStatus,
      parcels: z.array(
        z.object({
          parcelId: z.uuid(),
          warehouse: z.string(),
          items: z.array(SkuQuantity),
          status: ShipmentStatus,
        }),
      ),
    })
    .nullable(),
  /** Every status the order went through, oldest first, at the time its event occurred. */
  history: z.array(
    z.object({ status: OrderStatus, reason: z.string().nullable(), at: z.string() }),
  ),
  createdAt: z.string(),
  /** When the newest event this summary reflects occurred. */
  updatedAt: z.string(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

/** One entry of a customer's order history (newest first). */
export const CustomerOrder = z.object({
  orderId: z.uuid(),
  status: OrderStatus,
  totalCents: z.number().int().nullable(),
  placedAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerOrder = z.infer<typeof CustomerOrder>;

export const CustomerOrderPage = pageOf(CustomerOrder);

/** A page of the orders in one status, newest first: what an operator looks through. */
export const OrdersInStatusRequest = PageRequest.extend({ status: OrderStatus }).strict();
export type OrdersInStatusRequest = z.infer<typeof OrdersInStatusRequest>;

export const OrderInStatus = CustomerOrder.extend({
  customerId: z.uuid(),
  reason: z.string().nullable(),
});
export type OrderInStatus = z.infer<typeof OrderInStatus>;

/**
 * The Redis channel on which the read-model service names each order whose summary has just
 * changed (the message is the order id), once the change has committed. Copies of a summary held
 * elsewhere, such as the gateway's, drop theirs on it. Best effort: a copy must also expire.
 */
export const orderSummaryChangesChannel = 'read-model.order-summary-changed';

/**
 * How far one consumer group trails the topics it reads (messages not yet processed), and how
 * many messages it has set aside as dead letters for a person to look at.
 */
export const EventConsumerProgress = z.object({
  group: z.string(),
  lag: z.number().int(),
  topics: z.array(z.object({ topic: z.string(), lag: z.number().int() })),
  deadLetters: z.number().int(),
});
export type EventConsumerProgress = z.infer<typeof EventConsumerProgress>;
