import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SessionStore } from '../sessions/session.store';
import { AccountsService } from './accounts.service';

export const ADMIN_CREDENTIALS = Symbol('ADMIN_CREDENTIALS');

export interface AdminCredentials {
  email: string;
  password: string;
}

/**
 * The administrator's account, made (or its password reset) from configuration at start: the
 * only way to an admin role, since sign-up makes customers only.
 */
@Injectable()
export class AdminAccount implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminAccount.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionStore,
    @Inject(ADMIN_CREDENTIALS) private readonly admin: AdminCredentials | undefined,
  ) {}

  /** A reset password ends every session the administrator had: whoever held one is out. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.admin) return;
    const { id, reset } = await this.accounts.ensure(
      this.admin.email.toLowerCase(),
      this.admin.password,
      'admin',
    );
    if (reset) {
      const ended = await this.sessions.destroyAll(id);
      this.logger.warn(
        `administrator ${this.admin.email}: password reset, ${ended} sessions ended`,
      );
    }
    this.logger.log(`administrator account ${this.admin.email} is ready`);
  }
}
