import { Injectable } from '@nestjs/common';
import type { WalletView } from '@orchard/contracts';
import { NotFoundError, UnprocessableError } from '@orchard/platform';
import { AccountStore } from './account-store';
import { retryOnConcurrentWrite } from './concurrent-write-retry';
import type { AccountState } from './domain/account';
import { decideDeposit, decideOpen, type Refused } from './domain/decisions';

/** The customer's side of an account: open it, put money in, see what is there. */
@Injectable()
export class WalletsService {
  constructor(private readonly store: AccountStore) {}

  /** Idempotent: opening an open account returns it unchanged. */
  async open(customerId: string): Promise<WalletView> {
    const { account } = await retryOnConcurrentWrite(() =>
      this.store.decideAndAppend(customerId, decideOpen),
    );
    return toWalletView(customerId, account);
  }

  async deposit(customerId: string, amountCents: number): Promise<WalletView> {
    const { decision, account } = await retryOnConcurrentWrite(() =>
      this.store.decideAndAppend(customerId, (a) => decideDeposit(a, amountCents)),
    );
    if (decision.outcome === 'refused') throw refusalError(customerId, decision);
    return toWalletView(customerId, account);
  }

  async get(customerId: string): Promise<WalletView> {
    const account = await this.store.load(customerId);
    if (!account.exists) throw noAccount(customerId);
    return toWalletView(customerId, account);
  }
}

function toWalletView(customerId: string, account: AccountState): WalletView {
  return {
    customerId,
    balanceCents: account.availableCents,
    heldCents: account.heldCents,
    version: account.version,
  };
}

const noAccount = (customerId: string) =>
  new NotFoundError(`no payment account for customer ${customerId}`);

function refusalError(customerId: string, refused: Refused): Error {
  return refused.refusal === 'unknown-account'
    ? noAccount(customerId)
    : new UnprocessableError(refused.message, refused.refusal);
}
