import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type Redis from 'ioredis';
import { LockStoreUnreachableError, LockTimeoutError } from './errors';
import { lockOrder } from './lock-order';
import { releaseLock, tryAcquireLock } from './lock-scripts';
import { defaultRetryDelay, retryDelayMs, type RetryDelay } from './retry-delay';

export interface FencedLockOptions {
  /** How long a lock lives unless released first: a holder that stalls longer loses it. */
  ttlMs: number;
  /** How long to wait for locks others hold before giving up with a LockTimeoutError. */
  acquireTimeoutMs: number;
  retryDelay?: RetryDelay;
}

/**
 * The locks one holder took together, each with its fencing token. Hand the token to every
 * write made under the lock; the store refuses one older than a token it already accepted.
 */
export class HeldLocks {
  constructor(
    private readonly redis: Redis,
    private readonly owner: string,
    private readonly tokens: ReadonlyMap<string, number>,
  ) {}

  get resources(): string[] {
    return [...this.tokens.keys()];
  }

  tokenOf(resource: string): number {
    const token = this.tokens.get(resource);
    if (token === undefined) throw new Error(`no lock is held on ${resource}`);
    return token;
  }

  /** Gives every lock up; false when one had expired already (and may belong to another now). */
  async release(): Promise<boolean> {
    const released = await Promise.all(
      this.resources.map((resource) => releaseLock(this.redis, resource, this.owner)),
    );
    return released.every(Boolean);
  }
}

/**
 * Distributed locks in Redis with fencing tokens: `lock:<resource>` holds the owner for a TTL,
 * `fence:<resource>` counts up with every lock taken.
 */
export class FencedLocks {
  private readonly retryDelay: RetryDelay;

  constructor(
    private readonly redis: Redis,
    private readonly options: FencedLockOptions,
  ) {
    this.retryDelay = options.retryDelay ?? defaultRetryDelay;
  }

  /**
   * Takes the lock of every resource, one at a time in `lockOrder`, waiting for each until a
   * shared deadline. On failure the locks already taken are given back before it throws.
   */
  async acquire(resources: readonly string[]): Promise<HeldLocks> {
    const owner = randomBytes(16).toString('base64url');
    const deadline = Date.now() + this.options.acquireTimeoutMs;
    const tokens = new Map<string, number>();
    try {
      for (const resource of lockOrder(resources)) {
        tokens.set(resource, await this.acquireOne(resource, owner, deadline));
      }
    } catch (error) {
      await new HeldLocks(this.redis, owner, tokens).release().catch(() => false);
      throw error;
    }
    return new HeldLocks(this.redis, owner, tokens);
  }

  /** Runs `work` holding the locks of `resources`, and gives them up however it ends. */
  async withLocks<T>(
    resources: readonly string[],
    work: (locks: HeldLocks) => Promise<T>,
  ): Promise<T> {
    const locks = await this.acquire(resources);
    try {
      return await work(locks);
    } finally {
      // Not given back (Redis away) is no harm: the TTL frees them, and `work` is done.
      await locks.release().catch(() => false);
    }
  }

  private async acquireOne(resource: string, owner: string, deadline: number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tryAcquire(resource, owner);
      if (token !== undefined) return token;
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) throw new LockTimeoutError(resource, this.options.acquireTimeoutMs);
      await sleep(Math.min(remainingMs, retryDelayMs(attempt, this.retryDelay)));
    }
  }

  private async tryAcquire(resource: string, owner: string): Promise<number | undefined> {
    try {
      return await tryAcquireLock(this.redis, resource, owner, this.options.ttlMs);
    } catch (error) {
      if (error instanceof RangeError) throw error;
      throw new LockStoreUnreachableError(resource, error);
    }
  }
}
