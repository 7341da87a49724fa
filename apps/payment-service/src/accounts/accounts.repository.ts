import { Injectable } from '@nestjs/common';
import { Database, type Queryable, type Transaction } from '@orchard/platform/database';
import { UnprocessableError } from '@orchard/platform/http';
import type { AccountEvent, PaymentStatus } from './domain/account-events';
import type { AccountSnapshot } from './domain/account-snapshot';

/** The payment of one order, as the `payments` lookup records it. */
export interface PaymentRecord {
  orderId: string;
  customerId: string;
  amountCents: number;
  status: PaymentStatus;
  updatedAt: string;
}

/** SQL for the account event streams and the payments lookup; no decisions are made here. */
@Injectable()
export class AccountsRepository {
  constructor(readonly database: Database) {}

  /** The account's events after `afterVersion`, in the order they happened. */
  async readStream(
    accountId: string,
    tx: Queryable = this.database.pool,
    afterVersion = 0,
  ): Promise<AccountEvent[]> {
    const { rows } = await tx.query(
      `select type, data from account_events where account_id = $1 and version > $2
        order by version`,
      [accountId, afterVersion],
    );
    return rows.map((row) => ({ type: row.type, data: row.data }) as AccountEvent);
  }

  /** The account's latest snapshot, if it has one. */
  async readSnapshot(
    accountId: string,
    tx: Queryable = this.database.pool,
  ): Promise<AccountSnapshot | undefined> {
    const { rows } = await tx.query('select state from account_snapshots where account_id = $1', [
      accountId,
    ]);
    return rows[0]?.state as AccountSnapshot | undefined;
  }

  /** Keeps the newer of two snapshots: a writer that lost a race leaves the winner's. */
  async saveSnapshot(tx: Transaction, accountId: string, snapshot: AccountSnapshot): Promise<void> {
    await tx.query(
      `insert into account_snapshots (account_id, version, state) values ($1, $2, $3)
       on conflict (account_id) do update
         set version = excluded.version, state = excluded.state, taken_at = now()
       where account_snapshots.version < excluded.version`,
      [accountId, snapshot.version, JSON.stringify(snapshot)],
    );
  }

  /**
   * Appends events after `expectedVersion`. If a concurrent writer already claimed one of those
   * versions, the primary key refuses the insert with a unique violation.
   */
  async append(
    tx: Transaction,
    accountId: string,
    expectedVersion: number,
    events: readonly AccountEvent[],
  ): Promise<void> {
    for (const [offset, event] of events.entries()) {
      await tx.query(
        'insert into account_events (account_id, version, type, data) values ($1, $2, $3, $4)',
        [accountId, expectedVersion + offset + 1, event.type, JSON.stringify(event.data)],
      );
    }
  }

  async findPayment(
    orderId: string,
    tx: Queryable = this.database.pool,
  ): Promise<PaymentRecord | undefined> {
    const { rows } = await tx.query(
      `select order_id, account_id, amount_cents, status, updated_at
         from payments where order_id = $1`,
      [orderId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      orderId: row.order_id,
      customerId: row.account_id,
      amountCents: row.amount_cents,
      status: row.status,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  /** Records an order's first payment; a second one for the same order is a unique violation. */
  async insertPayment(
    tx: Transaction,
    payment: { orderId: string; accountId: string; amountCents: number; status: PaymentStatus },
  ): Promise<void> {
    await tx.query(
      `insert into payments (order_id, account_id, amount_cents, status) values ($1, $2, $3, $4)`,
      [payment.orderId, payment.accountId, payment.amountCents, payment.status],
    );
  }

  async setPaymentStatus(tx: Transaction, orderId: string, status: PaymentStatus): Promise<void> {
    await tx.query('update payments set status = $2, updated_at = now() where order_id = $1', [
      orderId,
      status,
    ]);
  }

  /**
   * Records a deposit's id, in the deposit's transaction: true the first time, false for a
   * repeat of the same deposit, and a refusal for the same id with another amount. A concurrent
   * repeat waits on the first one's row and then finds it.
   */
  async recordDeposit(
    tx: Transaction,
    deposit: { depositId: string; accountId: string; amountCents: number },
  ): Promise<boolean> {
    const values = [deposit.depositId, deposit.accountId, deposit.amountCents];
    const inserted = await tx.query(
      `insert into deposits (deposit_id, account_id, amount_cents) values ($1, $2, $3)
       on conflict (deposit_id) do nothing`,
      values,
    );
    if (inserted.rowCount === 1) return true;
    // A statement of its own, so it sees the row a concurrent first deposit has just committed.
    const same = await tx.query(
      'select 1 from deposits where deposit_id = $1 and account_id = $2 and amount_cents = $3',
      values,
    );
    if (same.rowCount === 0)
      throw new UnprocessableError(
        `deposit ${deposit.depositId} was made with another amount or account`,
        'deposit-id-reused',
      );
    return false;
  }
}
