import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import { RetryLaterError } from '@orchard/platform/http';
import { execReplies } from '@orchard/platform/redis';
import type Redis from 'ioredis';
import { refusedWhileRedisFails } from '../redis/refused-while-redis-fails';

export interface ThrottleLimits {
  /** Attempts one account may have counted against it before it waits. */
  perAccount: number;
  /** Attempts one address may have counted against it before it waits. */
  perAddress: number;
}

/** Attempts are forgotten this long after the last one; the longest wait is as long. */
const memoryMs = 15 * 60_000;

interface Counted {
  attempts: number;
  lastAt: number;
}

/**
 * Without Redis no attempt can be counted: the attempt is refused for now (503), never let
 * through uncounted, and never a failure.
 */
const uncounted = refusedWhileRedisFails(
  'attempts-uncounted',
  'Logins and sign-ups cannot be counted right now; retry shortly.',
);

const waitMs = (counted: Counted, limit: number, now: number): number => {
  if (counted.attempts < limit) return 0;
  // Each attempt past the limit doubles the wait: 1 s, 2 s, 4 s, … up to the memory.
  const backoff = Math.min(memoryMs, 1000 * 2 ** Math.min(30, counted.attempts - limit));
  return Math.max(0, counted.lastAt + backoff - now);
};

/**
 * Counts attempts at something an attacker repeats (failed logins, sign-ups) per account and
 * per address, in Redis so every gateway counts together. Past a limit, the next attempt waits
 * a doubling time and is refused with 429 before any password is hashed: guessing costs the
 * attacker time, not the shop CPU. Accounts are keyed by a hash of the email.
 */
export class AttemptThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limits: ThrottleLimits,
  ) {}

  /** Refuses with 429 and Retry-After while the account or the address must wait. */
  async check(email: string, address: string): Promise<void> {
    const keys = this.keysOf(email, address);
    const replies = (await uncounted(() =>
      execReplies(
        this.redis
          .multi()
          .hmget(keys.account, 'attempts', 'lastAt')
          .hmget(keys.address, 'attempts', 'lastAt'),
      ),
    )) as [string | null, string | null][];
    const [account, address_] = replies.map(([attempts, lastAt]) => ({
      attempts: Number(attempts ?? 0),
      lastAt: Number(lastAt ?? 0),
    })) as [Counted, Counted];
    const now = Date.now();
    const wait = Math.max(
      waitMs(account, this.limits.perAccount, now),
      waitMs(address_, this.limits.perAddress, now),
    );
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new RetryLaterError(
        429,
        'too-many-attempts',
        `Too many attempts; retry in ${seconds} s.`,
        seconds,
      );
    }
  }

  /** Counts an attempt against both the account and the address. */
  async count(email: string, address: string): Promise<void> {
    const now = String(Date.now());
    const commands = this.redis.multi();
    for (const key of Object.values(this.keysOf(email, address)))
      commands.hincrby(key, 'attempts', 1).hset(key, 'lastAt', now).pexpire(key, memoryMs);
    await uncounted(() => execReplies(commands));
  }

  /** Forgets the account's attempts (a successful login); the address's stay counted. */
  async forgetAccount(email: string): Promise<void> {
    await uncounted(() => this.redis.del(this.keysOf(email, '').account));
  }

  private keysOf(email: string, address: string) {
    const account = createHash('sha256').update(email).digest('base64url');
    return {
      account: `throttle:${this.name}:account:${account}`,
      address: `throttle:${this.name}:address:${address === '' ? '' : normalizeIP(address)}`,
    };
  }
}
