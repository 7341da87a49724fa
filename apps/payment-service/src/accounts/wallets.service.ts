import { Injectable } from '@nestjs/common';
import type { WalletView } from '@orchard/contracts';
import { type Transaction } from '@orchard/platform/database';
import { NotFoundError, UnprocessableError } from '@orchard/platform/http';
import { AccountStore } from './account-store';
import { AccountsRepository } from './accounts.repository';
import { retryOnConcurrentWrite } from './concurrent-write-retry';
import type { AccountState } from './domain/account';
import { decideDeposit, decideOpen, type Refused } from './domain/decisions';

/** The customer's side of an account: open it, put money in, see what is there. */
@Injectable()
export class WalletsService {
  constructor(
    private readonly store: AccountStore,
    private readonly accounts: AccountsRepository,
  ) {}

  /** Idempotent: opening an open account returns it unchanged. */
  async open(customerId: string): Promise<WalletView> {
    const { account } = await retryOnConcurrentWrite(() =>
      this.store.decideAndAppend(customerId, decideOpen),
    );
    return toWalletView(customerId, account);
  }

  /** With a deposit id, idempotent: a repeat returns the wallet and deposits nothing more. */
  async deposit(customerId: string, amountCents: number, depositId?: string): Promise<WalletView> {
    const once =
      depositId === undefined
        ? undefined
        : (tx: Transaction) =>
            this.accounts.recordDeposit(tx, { depositId, accountId: customerId, amountCents });
    const { decision, account } = await retryOnConcurrentWrite(() =>
      this.store.decideAndAppend(customerId, (a) => decideDeposit(a, amountCents), once),
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
