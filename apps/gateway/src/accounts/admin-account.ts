import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
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
    @Inject(ADMIN_CREDENTIALS) private readonly admin: AdminCredentials | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.admin) return;
    await this.accounts.ensure(this.admin.email.toLowerCase(), this.admin.password, 'admin');
    this.logger.log(`administrator account ${this.admin.email} is ready`);
  }
}
