import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Database, migrate } from '@orchard/platform';
import { AccountStore } from './account-store';
import { AccountsRepository } from './accounts.repository';
import type { AccountEvent } from './domain/account-events';
import { createPaymentActivities } from './payments.activities';
import { PaymentsService } from './payments.service';
import { WalletsService } from './wallets.service';

/** The payments database of the native stack (infra/stack/src/topology.ts). */
export const testDatabaseUrl = 'postgres://payment_app:payment_app@127.0.0.1:5443/payments';

/**
 * The service's objects wired by plain constructors over the real database, for integration
 * specs. Each spec uses fresh random customer and order ids, so specs never see each other's
 * accounts and can run side by side.
 */
export async function openPaymentTestKit() {
  await migrate(testDatabaseUrl, join(__dirname, '..', '..', 'migrations'));
  const database = new Database(testDatabaseUrl);
  const accounts = new AccountsRepository(database);
  const store = new AccountStore(accounts);
  const wallets = new WalletsService(store);
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

    close: () => database.close(),
  };
}

export type PaymentTestKit = Awaited<ReturnType<typeof openPaymentTestKit>>;
