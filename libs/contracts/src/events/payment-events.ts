import { z } from 'zod';
import { defineEvent, type EventOf } from './define-event';
import { PositiveCents } from './shared-data';

/**
 * Payment events belong to the order they pay for (topic `payment.events`, keyed by order id)
 * and every one carries the amount, so a consumer needs no earlier event to know what moved.
 * `customerId` is the wallet the money came from.
 */
const Payment = z.object({
  orderId: z.uuid(),
  customerId: z.uuid(),
  amountCents: PositiveCents,
});

export const paymentAuthorizedV1 = defineEvent({
  type: 'payment.authorized',
  version: 1,
  aggregateType: 'payment',
  data: Payment,
});
export type PaymentAuthorizedV1 = EventOf<typeof paymentAuthorizedV1>;

/** Not enough money: the decline is a fact of the account as much as an authorization is. */
export const paymentDeclinedV1 = defineEvent({
  type: 'payment.declined',
  version: 1,
  aggregateType: 'payment',
  data: Payment.extend({ reason: z.string().min(1) }),
});
export type PaymentDeclinedV1 = EventOf<typeof paymentDeclinedV1>;

export const paymentCapturedV1 = defineEvent({
  type: 'payment.captured',
  version: 1,
  aggregateType: 'payment',
  data: Payment,
});
export type PaymentCapturedV1 = EventOf<typeof paymentCapturedV1>;

/** The hold was released before capture. */
export const paymentVoidedV1 = defineEvent({
  type: 'payment.voided',
  version: 1,
  aggregateType: 'payment',
  data: Payment,
});
export type PaymentVoidedV1 = EventOf<typeof paymentVoidedV1>;

/** Captured money went back to the wallet. */
export const paymentRefundedV1 = defineEvent({
  type: 'payment.refunded',
  version: 1,
  aggregateType: 'payment',
  data: Payment,
});
export type PaymentRefundedV1 = EventOf<typeof paymentRefundedV1>;

export const paymentEventContracts = [
  paymentAuthorizedV1,
  paymentDeclinedV1,
  paymentCapturedV1,
  paymentVoidedV1,
  paymentRefundedV1,
] as const;
