/** Where an order's payment stands on its account. */
export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED' | 'DECLINED';

/**
 * What happened to a payment account, in the past tense. The stream of these is the account:
 * events carry amounts moved, never a balance, so every balance is derived by folding them.
 */
export type AccountEvent =
  | { type: 'account.opened'; data: Record<string, never> }
  | { type: 'funds.deposited'; data: { amountCents: number } }
  | { type: 'payment.authorized'; data: { orderId: string; amountCents: number } }
  | { type: 'payment.captured'; data: { orderId: string } }
  | { type: 'payment.voided'; data: { orderId: string } }
  | { type: 'payment.refunded'; data: { orderId: string } }
  | { type: 'payment.declined'; data: { orderId: string; amountCents: number; reason: string } };

export type AccountEventType = AccountEvent['type'];

/** The events that concern one order's payment rather than the wallet as a whole. */
export type PaymentEvent = Extract<AccountEvent, { data: { orderId: string } }>;

export function isPaymentEvent(event: AccountEvent): event is PaymentEvent {
  return 'orderId' in event.data;
}
