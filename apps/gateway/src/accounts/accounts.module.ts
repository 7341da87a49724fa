import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DatabaseModule } from '@orchard/platform/database';
import { SessionGuard } from '../sessions/session.guard';
import { SESSION_LIFETIMES, SessionStore, type SessionLifetimes } from '../sessions/session.store';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { ADMIN_CREDENTIALS, AdminAccount, type AdminCredentials } from './admin-account';
import { AuthController } from './auth.controller';
import type { ThrottleLimits } from './attempt-throttle';
import { AUTH_THROTTLE_LIMITS, AuthThrottles } from './auth-throttles';
import { PasswordHasher } from './password-hasher';

export interface AccountsOptions {
  /** The gateway's identity database. */
  databaseUrl: string;
  sessionLifetimes: SessionLifetimes;
  throttles: { failedLogins: ThrottleLimits; signUps: ThrottleLimits };
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
        { provide: SESSION_LIFETIMES, useValue: options.sessionLifetimes },
        { provide: ADMIN_CREDENTIALS, useValue: options.admin },
        AuthThrottles,
        { provide: AUTH_THROTTLE_LIMITS, useValue: options.throttles },
        { provide: APP_GUARD, useClass: SessionGuard },
      ],
      exports: [SessionStore],
    };
  }
}
