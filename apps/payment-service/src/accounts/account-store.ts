import { Injectable } from '@nestjs/common';
import { type Queryable, type Transaction } from '@orchard/platform/database';
import { appendToOutbox } from '@orchard/platform/outbox';
import { AccountsRepository } from './accounts.repository';
import { foldAccount, noAccount, type AccountState } from './domain/account';
import { accountOf, dueForSnapshot, snapshotOf } from './domain/account-snapshot';
import { isPaymentEvent, type AccountEvent } from './domain/account-events';
import type { Accepted, Decision } from './domain/decisions';
import { toIntegrationEvent } from './integration-events';

const alreadyDone: Accepted = { outcome: 'accepted', events: [] };

/**
 * Payment accounts as event streams: loads one by folding its latest snapshot and the events
 * after it, and writes a decision's events at the versions after the state it was decided on,
 * with everything they imply, and a new snapshot every snapshotEvery events.
 */
@Injectable()
export class AccountStore {
  constructor(private readonly accounts: AccountsRepository) {}

  async load(accountId: string): Promise<AccountState> {
    return (await this.current(accountId)).account;
  }

  /**
   * The account now: its latest snapshot and the events after it (fewer than snapshotEvery
   * while snapshots keep up), with the version the snapshot was taken at.
   */
  private async current(
    accountId: string,
    tx: Queryable = this.accounts.database.pool,
  ): Promise<{ account: AccountState; snapshotVersion: number }> {
    const snapshot = await this.accounts.readSnapshot(accountId, tx);
    const from = snapshot ? accountOf(snapshot) : noAccount;
    const events = await this.accounts.readStream(accountId, tx, from.version);
    return { account: foldAccount(events, from), snapshotVersion: from.version };
  }

  /**
   * One optimistic attempt, in one transaction: fold the stream, let `decide` choose, append the
   * events with the payments lookup and the outbox rows. A concurrent writer that claimed the
   * same version makes this throw a unique violation: wrap it in `retryOnConcurrentWrite`.
   * `once`, if given, runs first in the transaction and says whether the command is new; a
   * command made before appends nothing. Returns the decision and the account after it.
   */
  async decideAndAppend<D extends Decision>(
    accountId: string,
    decide: (account: AccountState) => D,
    once?: (tx: Transaction) => Promise<boolean>,
  ): Promise<{ decision: D | Accepted; account: AccountState }> {
    return this.accounts.database.transaction(async (tx) => {
      // First: a repeat waits here for the first run to commit, and then reads what it did.
      const isNew = once ? await once(tx) : true;
      const { account: current, snapshotVersion } = await this.current(accountId, tx);
      if (!isNew) return { decision: alreadyDone, account: current };
      const decision = decide(current);
      if (decision.outcome === 'refused' || decision.events.length === 0)
        return { decision, account: current };
      await this.accounts.append(tx, accountId, current.version, decision.events);
      const account = foldAccount(decision.events, current);
      for (const event of decision.events) {
        await this.recordPayment(tx, accountId, event, account);
        await appendToOutbox(tx, toIntegrationEvent(accountId, event, account));
      }
      if (dueForSnapshot(account, snapshotVersion))
        await this.accounts.saveSnapshot(tx, accountId, snapshotOf(account));
      return { decision, account };
    });
  }

  /** Keeps the payments lookup in step with the stream, inside the same transaction. */
  private async recordPayment(
    tx: Transaction,
    accountId: string,
    event: AccountEvent,
    account: AccountState,
  ): Promise<void> {
    if (!isPaymentEvent(event)) return;
    const { orderId } = event.data;
    const payment = account.payments.get(orderId);
    if (!payment) throw new Error(`no payment for order ${orderId} after ${event.type}`);
    if (event.type === 'payment.authorized' || event.type === 'payment.declined') {
      await this.accounts.insertPayment(tx, { orderId, accountId, ...payment });
    } else {
      await this.accounts.setPaymentStatus(tx, orderId, payment.status);
    }
  }
}
