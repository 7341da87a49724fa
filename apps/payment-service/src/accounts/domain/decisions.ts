import { limits } from '@orchard/contracts';
import type { AccountState } from './account';
import type { AccountEvent } from './account-events';

export type Refusal =
  'unknown-account' | 'invalid-amount' | 'wallet-limit' | 'invalid-payment-state';

/** The events a command appends; none when the command has already had its effect. */
export interface Accepted {
  outcome: 'accepted';
  events: AccountEvent[];
}

export interface Refused {
  outcome: 'refused';
  refusal: Refusal;
  message: string;
}

export type Decision = Accepted | Refused;

const accept = (...events: AccountEvent[]): Accepted => ({ outcome: 'accepted', events });
const refuse = (refusal: Refusal, message: string): Refused => ({
  outcome: 'refused',
  refusal,
  message,
});

const isPositiveCents = (amountCents: number) =>
  Number.isSafeInteger(amountCents) && amountCents > 0;

/** Opening an open account changes nothing, so a repeated request is harmless. */
export function decideOpen(account: AccountState): Accepted {
  return account.exists ? accept() : accept({ type: 'account.opened', data: {} });
}

export function decideDeposit(account: AccountState, amountCents: number): Decision {
  if (!account.exists) return refuse('unknown-account', 'no payment account');
  if (!isPositiveCents(amountCents))
    return refuse('invalid-amount', 'a deposit is a positive whole number of cents');
  if (account.availableCents + account.heldCents + amountCents > limits.maxWalletCents)
    return refuse('wallet-limit', `a wallet holds at most ${limits.maxWalletCents} cents`);
  return accept({ type: 'funds.deposited', data: { amountCents } });
}

/**
 * Holds the order's amount, or records the refusal when the available money does not cover it:
 * a decline is a fact of the account too, so a retried authorization finds it and answers alike.
 * An order that already has a payment, whatever its status, gets no second one.
 */
export function decideAuthorize(
  account: AccountState,
  payment: { orderId: string; amountCents: number },
): Decision {
  const { orderId, amountCents } = payment;
  if (!account.exists) return refuse('unknown-account', 'no payment account');
  if (account.payments.has(orderId)) return accept();
  if (!isPositiveCents(amountCents))
    return refuse('invalid-amount', 'a payment is a positive whole number of cents');
  if (account.availableCents < amountCents) {
    const reason = `${account.availableCents} cents available, ${amountCents} needed`;
    return accept({ type: 'payment.declined', data: { orderId, amountCents, reason } });
  }
  return accept({ type: 'payment.authorized', data: { orderId, amountCents } });
}

/** Only an authorized payment can be captured; capturing twice is the same as once. */
export function decideCapture(account: AccountState, orderId: string): Decision {
  const status = account.payments.get(orderId)?.status;
  if (status === 'AUTHORIZED') return accept({ type: 'payment.captured', data: { orderId } });
  if (status === 'CAPTURED') return accept();
  return refuse(
    'invalid-payment-state',
    status === undefined
      ? `no payment for order ${orderId} to capture`
      : `cannot capture order ${orderId}'s payment: it is ${status}`,
  );
}

/** Voids the hold; if the money was captured meanwhile, it must still come back: a refund. */
export function decideVoid(account: AccountState, orderId: string): Accepted {
  return giveBack(account, orderId);
}

/** Refunds the captured money; if it was only held, releasing the hold is the refund. */
export function decideRefund(account: AccountState, orderId: string): Accepted {
  return giveBack(account, orderId);
}

/**
 * Void and refund are both compensations: whichever the saga sends, the order's money returns
 * to the customer, and one that finds nothing to return (none, declined, already back) is done.
 */
function giveBack(account: AccountState, orderId: string): Accepted {
  switch (account.payments.get(orderId)?.status) {
    case 'AUTHORIZED':
      return accept({ type: 'payment.voided', data: { orderId } });
    case 'CAPTURED':
      return accept({ type: 'payment.refunded', data: { orderId } });
    default:
      return accept();
  }
}
