import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DatabaseModule } from '@orchard/platform/database';
import { SessionGuard } from '../sessions/session.guard';
import { SESSION_IDLE_SECONDS, SessionStore } from '../sessions/session.store';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { ADMIN_CREDENTIALS, AdminAccount, type AdminCredentials } from './admin-account';
import { AuthController } from './auth.controller';
import { PasswordHasher } from './password-hasher';

export interface AccountsOptions {
  /** The gateway's identity database. */
  databaseUrl: string;
  sessionIdleSeconds: number;
  admin?: AdminCredentials;
}

/** Accounts in the identity database, sessions in Redis, and the guard every route passes. */
@Module({})
export class AccountsModule {
  static forOptions(options: AccountsOptions): DynamicModule {
    return {
      module: AccountsModule,
      imports: [
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          migrationsDir: join(__dirname, '..', '..', 'migrations'),
          applicationName: 'gateway',
        }),
      ],
      controllers: [AuthController],
      providers: [
        PasswordHasher,
        AccountsRepository,
        AccountsService,
        AdminAccount,
        SessionStore,
        { provide: SESSION_IDLE_SECONDS, useValue: options.sessionIdleSeconds },
        { provide: ADMIN_CREDENTIALS, useValue: options.admin },
        { provide: APP_GUARD, useClass: SessionGuard },
      ],
    };
  }
}
