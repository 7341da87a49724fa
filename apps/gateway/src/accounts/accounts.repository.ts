import { Injectable } from '@nestjs/common';
import type { AccountView, Role } from '@orchard/contracts';
import { Database } from '@orchard/platform/database';

export interface AccountRecord extends AccountView {
  passwordHash: string;
}

@Injectable()
export class AccountsRepository {
  constructor(private readonly database: Database) {}

  /** Inserts the account, or returns false when the email is taken. */
  async insert(account: AccountRecord): Promise<boolean> {
    const rows = await this.database.query(
      `insert into accounts (id, email, password_hash, role) values ($1, $2, $3, $4)
       on conflict (email) do nothing returning id`,
      [account.id, account.email, account.passwordHash, account.role],
    );
    return rows.length === 1;
  }

  async findByEmail(email: string): Promise<AccountRecord | undefined> {
    const rows = await this.database.query<AccountRecord>(
      `select id, email, password_hash as "passwordHash", role from accounts where email = $1`,
      [email],
    );
    return rows[0];
  }

  /** Sets the password and role of the account with this email, creating it if need be. */
  async upsert(account: AccountRecord): Promise<void> {
    await this.database.query(
      `insert into accounts (id, email, password_hash, role) values ($1, $2, $3, $4)
       on conflict (email) do update set password_hash = excluded.password_hash, role = excluded.role`,
      [account.id, account.email, account.passwordHash, account.role satisfies Role],
    );
  }
}
