import { Injectable } from '@nestjs/common';
import type { AccountNotice, AccountView, Role } from '@orchard/contracts';
import { Database } from '@orchard/platform/database';

export interface AccountRecord extends AccountView {
  passwordHash: string;
}

@Injectable()
export class AccountsRepository {
  constructor(private readonly database: Database) {}

  /**
   * Inserts the account; when the email is taken, leaves a notice for its owner instead. One
   * statement either way, so both cost the same.
   */
  async insertOrNotifyOwner(account: AccountRecord): Promise<void> {
    await this.database.query(
      `with inserted as (
         insert into accounts (id, email, password_hash, role) values ($1, $2, $3, $4)
         on conflict (email) do nothing returning id
       )
       insert into account_notices (account_id, kind)
       select id, 'sign-up-attempted' from accounts
       where email = $2 and not exists (select 1 from inserted)`,
      [account.id, account.email, account.passwordHash, account.role],
    );
  }

  async findById(id: string): Promise<AccountRecord | undefined> {
    const rows = await this.database.query<AccountRecord>(
      `select id, email, password_hash as "passwordHash", role from accounts where id = $1`,
      [id],
    );
    return rows[0];
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.database.query(`update accounts set password_hash = $2 where id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /** The account's latest notices, newest first. */
  async notices(accountId: string): Promise<AccountNotice[]> {
    return this.database.query<AccountNotice>(
      `select kind, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
       from account_notices where account_id = $1 order by at desc limit 20`,
      [accountId],
    );
  }

  async findByEmail(email: string): Promise<AccountRecord | undefined> {
    const rows = await this.database.query<AccountRecord>(
      `select id, email, password_hash as "passwordHash", role from accounts where email = $1`,
      [email],
    );
    return rows[0];
  }

  /** Sets the password and role of the account with this email, creating it if need be. */
  async upsert(account: AccountRecord): Promise<string> {
    const rows = await this.database.query<{ id: string }>(
      `insert into accounts (id, email, password_hash, role) values ($1, $2, $3, $4)
       on conflict (email) do update set password_hash = excluded.password_hash, role = excluded.role
       returning id`,
      [account.id, account.email, account.passwordHash, account.role satisfies Role],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error(`the account ${account.email} was not stored`);
    return id;
  }
}
