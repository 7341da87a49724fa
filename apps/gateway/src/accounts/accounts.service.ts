import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AccountNotice, AccountView, Role } from '@orchard/contracts';
import { UnauthenticatedError } from '@orchard/platform/http';
import { AccountsRepository } from './accounts.repository';
import { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword } from './password-policy';

@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /**
   * A new customer account; for an email already in use, a notice to its owner instead. The
   * caller learns nothing either way: the same work is done (a hash, one statement) and the
   * same answer given.
   */
  async signUp(email: string, password: string): Promise<void> {
    assertAcceptablePassword(password, { email });
    const passwordHash = await this.passwords.hash(password);
    await this.accounts.insertOrNotifyOwner({
      id: randomUUID(),
      email,
      role: 'customer',
      passwordHash,
    });
  }

  /** The account, if the password is its own; undefined otherwise, whichever part was wrong. */
  async verify(email: string, password: string): Promise<AccountView | undefined> {
    const account = await this.accounts.findByEmail(email);
    if (!(await this.passwords.verify(account?.passwordHash, password))) return undefined;
    return account && { id: account.id, email: account.email, role: account.role };
  }

  /** Sets a new password for the owner who knows the current one. */
  async changePassword(accountId: string, current: string, next: string): Promise<void> {
    const account = await this.accounts.findById(accountId);
    if (!(await this.passwords.verify(account?.passwordHash, current)))
      throw new UnauthenticatedError('the current password is wrong');
    assertAcceptablePassword(next, { email: account?.email ?? '', replacing: current });
    await this.accounts.setPasswordHash(accountId, await this.passwords.hash(next));
  }

  notices(accountId: string): Promise<AccountNotice[]> {
    return this.accounts.notices(accountId);
  }

  /**
   * Makes sure an account exists with this password and role (the configured administrator).
   * Returns its id, and whether its password was reset (then its sessions must end).
   */
  async ensure(
    email: string,
    password: string,
    role: Role,
  ): Promise<{ id: string; reset: boolean }> {
    const existing = await this.accounts.findByEmail(email);
    if (existing?.role === role && (await this.passwords.verify(existing.passwordHash, password)))
      return { id: existing.id, reset: false };
    const passwordHash = await this.passwords.hash(password);
    const id = await this.accounts.upsert({ id: randomUUID(), email, role, passwordHash });
    return { id, reset: existing !== undefined };
  }
}
