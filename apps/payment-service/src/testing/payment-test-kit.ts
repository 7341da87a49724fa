import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { databaseOfItsOwn, rollingBack } from '@orchard/platform/testing';
import { AccountStore } from '../accounts/account-store';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { AccountEvent } from '../accounts/domain/account-events';
import { createPaymentActivities } from '../accounts/payments.activities';
import { PaymentsService } from '../accounts/payments.service';
import { WalletsService } from '../accounts/wallets.service';

/**
 * The service's objects wired by plain constructors over a migrated database of the spec's
 * own, in the payment service's PostgreSQL: nothing the running service does can make a spec
 * pass, and nothing a spec writes reaches the running system.
 */
export async function openPaymentTestKit(purpose: string) {
  const own = await databaseOfItsOwn('payment', purpose, join(__dirname, '..', '..', 'migrations'));
  const { database } = own;
  const accounts = new AccountsRepository(database);
  const store = new AccountStore(accounts);
  const wallets = new WalletsService(store, accounts);
  const payments = new PaymentsService(store, accounts);
  const activities = createPaymentActivities(payments);

  return {
    database,
    wallets,
    payments,
    activities,

    /** A new customer whose account is open and holds `cents` (none deposited for 0). */
    async customerWith(cents: number): Promise<string> {
      const customerId = randomUUID();
      await wallets.open(customerId);
      if (cents > 0) await wallets.deposit(customerId, cents);
      return customerId;
    },

    /** The account's stream as stored, straight from the table. */
    async storedEvents(accountId: string): Promise<(AccountEvent & { version: number })[]> {
      return database.query(
        'select version, type, data from account_events where account_id = $1 order by version',
        [accountId],
      );
    },

    async outboxOf(aggregateId: string) {
      return database.query<{ aggregatetype: string; type: string; payload: { data: object } }>(
        'select aggregatetype, type, payload from outbox where aggregateid = $1 order by created_at',
        [aggregateId],
      );
    },

    close: own.close,
  };
}

export type PaymentTestKit = Awaited<ReturnType<typeof openPaymentTestKit>>;

/** The same services over the kit's database, but every transaction rolls back at its end. */
export function rollingBackKit(kit: PaymentTestKit) {
  const accounts = new AccountsRepository(rollingBack(kit.database));
  const store = new AccountStore(accounts);
  return {
    wallets: new WalletsService(store, accounts),
    payments: new PaymentsService(store, accounts),
  };
}
