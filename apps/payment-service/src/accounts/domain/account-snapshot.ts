import type { AccountState, PaymentState } from './account';

/** How often an account is snapshotted: a command then folds at most this many events. */
export const snapshotEvery = 50;

/** An account's state as JSON can hold it (a Map is written as its entries). */
export interface AccountSnapshot {
  version: number;
  exists: boolean;
  availableCents: number;
  heldCents: number;
  payments: [orderId: string, payment: PaymentState][];
}

export function snapshotOf(account: AccountState): AccountSnapshot {
  return {
    version: account.version,
    exists: account.exists,
    availableCents: account.availableCents,
    heldCents: account.heldCents,
    payments: [...account.payments],
  };
}

export function accountOf(snapshot: AccountSnapshot): AccountState {
  return { ...snapshot, payments: new Map(snapshot.payments) };
}

/** Whether an account that was last snapshotted at `snapshotVersion` is due another snapshot. */
export const dueForSnapshot = (account: AccountState, snapshotVersion: number): boolean =>
  account.version - snapshotVersion >= snapshotEvery;
