import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import { RetryLaterError } from '@orchard/platform/http';
import { execReplies } from '@orchard/platform/redis';
import type Redis from 'ioredis';
import { refusedWhileRedisFails } from '../redis/refused-while-redis-fails';

export interface ThrottleLimits {
  /** Attempts one account may have counted against it, from all addresses, before it waits. */
  perAccount: number;
  /** Attempts one address may have counted against it, at all accounts, before it waits. */
  perAddress: number;
  /**
   * Attempts at one account from one address before that pair waits: low, so guessing is slow,
   * while the owner elsewhere is not locked out by a stranger (the account's own bound is higher).
   */
  perAccountAndAddress?: number;
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
 * Counts attempts at something an attacker repeats (failed logins, sign-ups) per account, per
 * address and, where bounded, per account and address together, in Redis so every gateway
 * counts together. Past a limit, the next attempt waits
 * a doubling time and is refused with 429 before any password is hashed: guessing costs the
 * attacker time, not the shop CPU. Accounts are keyed by a hash of the email.
 */
export class AttemptThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limits: ThrottleLimits,
  ) {}

  /** Refuses with 429 and Retry-After while the account, the address or the pair must wait. */
  async check(email: string, address: string): Promise<void> {
    const bounded = this.boundedKeys(email, address);
    const commands = this.redis.multi();
    for (const { key } of bounded) commands.hmget(key, 'attempts', 'lastAt');
    const replies = (await uncounted(() => execReplies(commands))) as [
      string | null,
      string | null,
    ][];
    const now = Date.now();
    const wait = Math.max(
      ...replies.map(([attempts, lastAt], i) =>
        waitMs(
          { attempts: Number(attempts ?? 0), lastAt: Number(lastAt ?? 0) },
          bounded[i]?.limit ?? Infinity,
          now,
        ),
      ),
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

  /** Counts an attempt against the account, the address and the pair. */
  async count(email: string, address: string): Promise<void> {
    const now = String(Date.now());
    const commands = this.redis.multi();
    for (const { key } of this.boundedKeys(email, address))
      commands.hincrby(key, 'attempts', 1).hset(key, 'lastAt', now).pexpire(key, memoryMs);
    await uncounted(() => execReplies(commands));
  }

  /** Forgets the account's attempts and the pair's (a successful login); the address's stay. */
  async forgetAccount(email: string, address: string): Promise<void> {
    const { account, pair } = this.keysOf(email, address);
    await uncounted(() => this.redis.del(account, pair));
  }

  /** Each counter with its bound; the pair only where it has one. */
  private boundedKeys(email: string, address: string): { key: string; limit: number }[] {
    const keys = this.keysOf(email, address);
    const { perAccount, perAddress, perAccountAndAddress } = this.limits;
    return [
      { key: keys.account, limit: perAccount },
      { key: keys.address, limit: perAddress },
      ...(perAccountAndAddress === undefined
        ? []
        : [{ key: keys.pair, limit: perAccountAndAddress }]),
    ];
  }

  private keysOf(email: string, address: string) {
    const account = createHash('sha256').update(email).digest('base64url');
    const ip = normalizeIP(address);
    return {
      account: `throttle:${this.name}:account:${account}`,
      address: `throttle:${this.name}:address:${ip}`,
      pair: `throttle:${this.name}:pair:${account}:${ip}`,
    };
  }
}
