import { z } from 'zod';
import { limits } from '../limits';
import { text } from './text';

export const orderStatuses = [
  'PENDING',
  'CONFIRMED',
  'SHIPPED',
  'DELIVERED',
  'REJECTED',
  'CANCELLED',
  'FAILED',
] as const;
export const OrderStatus = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Sku = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'an upper-case SKU such as TEA-001');

export const ShippingAddress = z
  .object({
    name: text(100),
    line1: text(200),
    city: text(100),
    postalCode: text(20),
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code'),
  })
  .strict();
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const OrderLine = z
  .object({ sku: Sku, quantity: z.number().int().min(1).max(limits.maxLineQuantity) })
  .strict();

const orderContents = {
  items: z
    .array(OrderLine)
    .min(1)
    .max(limits.maxOrderLines)
    .refine(
      (items) => new Set(items.map((i) => i.sku)).size === items.length,
      'each SKU appears once',
    ),
  shippingAddress: ShippingAddress,
};

/** What a customer asks the gateway for; who orders comes from the session, never the body. */
export const PlaceOrderRequest = z.object(orderContents).strict();
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/**
 * What the gateway asks the order service for, on behalf of the logged-in customer. The order
 * id, when given, makes the command idempotent: a retry after a lost answer places no second
 * order (the gateway derives it from the client's Idempotency-Key).
 */
export const PlaceOrderCommand = z
  .object({ orderId: z.uuid().optional(), customerId: z.uuid(), ...orderContents })
  .strict();
export type PlaceOrderCommand = z.infer<typeof PlaceOrderCommand>;

export const CancelOrderRequest = z.object({ reason: text(200).optional() }).strict();
export type CancelOrderRequest = z.infer<typeof CancelOrderRequest>;

export const OrderView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  status: OrderStatus,
  reason: z.string().nullable(),
  totalCents: z.number().int().nullable(),
  items: z.array(
    z.object({
      sku: z.string(),
      quantity: z.number().int(),
      unitPriceCents: z.number().int().nullable(),
    }),
  ),
  shippingAddress: ShippingAddress,
  history: z.array(
    z.object({ status: OrderStatus, reason: z.string().nullable(), at: z.string() }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The trace the order was placed in (look it up in Jaeger); null when tracing was off. */
  traceId: z.string().nullable(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderAccepted = z.object({ orderId: z.uuid(), status: OrderStatus });
export type OrderAccepted = z.infer<typeof OrderAccepted>;

/** A saga waiting for an operator: a compensation that ran out of attempts. */
export const StuckCompensationView = z.object({
  orderId: z.uuid(),
  /** The compensation, e.g. `release stock`, or the final record (`record rejection`). */
  compensation: z.string(),
  /** Its last error. */
  error: z.string(),
  stuckSince: z.string(),
  /** Reported once, and once more for every retry that failed again. */
  reports: z.number().int(),
});
export type StuckCompensationView = z.infer<typeof StuckCompensationView>;

/**
 * Where an order's saga stands in Temporal: its workflow's status (MISSING if it never
 * started) and, while it runs, the step its `sagaStep` query names.
 */
export const SagaProgress = z.object({
  orderId: z.uuid(),
  workflowId: z.string(),
  status: z.string(),
  step: z.string().nullable(),
});
export type SagaProgress = z.infer<typeof SagaProgress>;
