import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AttemptThrottle, type ThrottleLimits } from './attempt-throttle';

export const AUTH_THROTTLE_LIMITS = Symbol('AUTH_THROTTLE_LIMITS');

/** Failed logins and sign-ups, each counted per account and per address. */
@Injectable()
export class AuthThrottles {
  readonly failedLogins: AttemptThrottle;
  readonly signUps: AttemptThrottle;

  constructor(
    redis: Redis,
    @Inject(AUTH_THROTTLE_LIMITS) limits: { failedLogins: ThrottleLimits; signUps: ThrottleLimits },
  ) {
    this.failedLogins = new AttemptThrottle(redis, 'failed-logins', limits.failedLogins);
    this.signUps = new AttemptThrottle(redis, 'sign-ups', limits.signUps);
  }
}
