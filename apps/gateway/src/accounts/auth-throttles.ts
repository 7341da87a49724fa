import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AttemptThrottle, type ThrottleLimits } from './attempt-throttle';

export const AUTH_THROTTLE_LIMITS = Symbol('AUTH_THROTTLE_LIMITS');

/**
 * Failed logins, wrong current passwords (a password change) and sign-ups, each counted per
 * account and per address. Password changes count apart from logins: someone holding a
 * session who guesses at the current password never locks the owner out of logging in.
 */
@Injectable()
export class AuthThrottles {
  readonly failedLogins: AttemptThrottle;
  readonly failedPasswordChanges: AttemptThrottle;
  readonly signUps: AttemptThrottle;

  constructor(
    redis: Redis,
    @Inject(AUTH_THROTTLE_LIMITS) limits: { failedLogins: ThrottleLimits; signUps: ThrottleLimits },
  ) {
    this.failedLogins = new AttemptThrottle(redis, 'failed-logins', limits.failedLogins);
    this.failedPasswordChanges = new AttemptThrottle(
      redis,
      'failed-password-changes',
      limits.failedLogins,
    );
    this.signUps = new AttemptThrottle(redis, 'sign-ups', limits.signUps);
  }
}
