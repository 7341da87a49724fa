import type { AccountEvent, PaymentStatus } from './account-events';

export interface PaymentState {
  status: PaymentStatus;
  amountCents: number;
}

/** An account as its events leave it. Nothing here is stored: it is recomputed from the stream. */
export interface AccountState {
  exists: boolean;
  /** The version of the last event folded; the next append claims version + 1. */
  version: number;
  /** Money the customer can spend. */
  availableCents: number;
  /** Money authorized for orders, neither captured nor released yet. */
  heldCents: number;
  payments: ReadonlyMap<string, PaymentState>;
}

export const noAccount: AccountState = {
  exists: false,
  version: 0,
  availableCents: 0,
  heldCents: 0,
  payments: new Map(),
};

type MutableAccount = Omit<AccountState, 'payments'> & { payments: Map<string, PaymentState> };

/**
 * Folds events onto an account, by default onto no account at all. Pure: the state passed in
 * is left as it was. An event that contradicts the state before it throws, because the stream
 * only ever holds what the decisions allowed; anything else is a corrupt stream.
 */
export function foldAccount(
  events: readonly AccountEvent[],
  from: AccountState = noAccount,
): AccountState {
  const account: MutableAccount = { ...from, payments: new Map(from.payments) };
  for (const event of events) {
    apply(account, event);
    account.version += 1;
  }
  return account;
}

function apply(account: MutableAccount, event: AccountEvent): void {
  if (event.type === 'account.opened') {
    if (account.exists) throw inconsistent(event, 'the account is already open');
    account.exists = true;
    return;
  }
  if (!account.exists) throw inconsistent(event, 'the account is not open');
  switch (event.type) {
    case 'funds.deposited':
      account.availableCents += event.data.amountCents;
      return;
    case 'payment.authorized':
      expectNoPayment(account, event, event.data.orderId);
      account.availableCents -= event.data.amountCents;
      account.heldCents += event.data.amountCents;
      account.payments.set(event.data.orderId, {
        status: 'AUTHORIZED',
        amountCents: event.data.amountCents,
      });
      return;
    case 'payment.declined':
      expectNoPayment(account, event, event.data.orderId);
      account.payments.set(event.data.orderId, {
        status: 'DECLINED',
        amountCents: event.data.amountCents,
      });
      return;
    case 'payment.captured': {
      // The held money leaves the wallet: it is the shop's now.
      const amount = movePayment(account, event, 'AUTHORIZED', 'CAPTURED');
      account.heldCents -= amount;
      return;
    }
    case 'payment.voided': {
      const amount = movePayment(account, event, 'AUTHORIZED', 'VOIDED');
      account.heldCents -= amount;
      account.availableCents += amount;
      return;
    }
    case 'payment.refunded': {
      const amount = movePayment(account, event, 'CAPTURED', 'REFUNDED');
      account.availableCents += amount;
      return;
    }
  }
}

function expectNoPayment(account: MutableAccount, event: AccountEvent, orderId: string): void {
  if (account.payments.has(orderId))
    throw inconsistent(event, `order ${orderId} already has a payment`);
}

/** Moves an order's payment from one status to the next and returns its amount. */
function movePayment(
  account: MutableAccount,
  event: AccountEvent & { data: { orderId: string } },
  from: PaymentStatus,
  to: PaymentStatus,
): number {
  const payment = account.payments.get(event.data.orderId);
  if (payment?.status !== from)
    throw inconsistent(event, `order ${event.data.orderId}'s payment is not ${from}`);
  account.payments.set(event.data.orderId, { ...payment, status: to });
  return payment.amountCents;
}

function inconsistent(event: AccountEvent, why: string): Error {
  return new Error(`inconsistent account stream: ${event.type} but ${why}`);
}
