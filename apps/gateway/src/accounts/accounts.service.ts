import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AccountView, Role } from '@orchard/contracts';
import { ConflictError } from '@orchard/platform/http';
import { AccountsRepository } from './accounts.repository';
import { PasswordHasher } from './password-hasher';

@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /** A new customer account; an email already in use is a conflict. */
  async signUp(email: string, password: string): Promise<AccountView> {
    const account = {
      id: randomUUID(),
      email,
      role: 'customer' as const,
      passwordHash: await this.passwords.hash(password),
    };
    if (!(await this.accounts.insert(account)))
      throw new ConflictError('an account with this email exists already');
    return { id: account.id, email, role: account.role };
  }

  /** The account, if the password is its own; undefined otherwise, whichever part was wrong. */
  async verify(email: string, password: string): Promise<AccountView | undefined> {
    const account = await this.accounts.findByEmail(email);
    if (!(await this.passwords.verify(account?.passwordHash, password))) return undefined;
    return account && { id: account.id, email: account.email, role: account.role };
  }

  /** Makes sure an account exists with this password and role (the configured administrator). */
  async ensure(email: string, password: string, role: Role): Promise<void> {
    const passwordHash = await this.passwords.hash(password);
    await this.accounts.upsert({ id: randomUUID(), email, role, passwordHash });
  }
}
