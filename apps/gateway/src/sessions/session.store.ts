import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { execReplies } from '@orchard/platform/redis';
import Redis from 'ioredis';
import { CoherentCache } from '../cache/coherent-cache';
import { InvalidationFeed } from '../cache/invalidation-feed';
import { refusedWhileRedisFails } from '../redis/refused-while-redis-fails';
import type { Session } from './session';

export const SESSION_LIFETIMES = Symbol('SESSION_LIFETIMES');

/** How long a session lives: unused (idle), and at most in all (absolute), in seconds. */
export interface SessionLifetimes {
  idleSeconds: number;
  absoluteSeconds: number;
}

interface KnownSession {
  session: Session;
  /** When Redis forgets it unless it is used (its key's expiry, as last seen). */
  expiresAt: number;
}

/**
 * Sessions in Redis, so any gateway instance serves any session. The key is a hash of the
 * session id: a copy of Redis's data holds no usable session. Use pushes the idle timeout back
 * (at most once a minute, which is all an idle timeout of minutes needs); an idle session
 * simply expires.
 *
 * Each gateway keeps the sessions it has seen, so that most requests cost no Redis round trip.
 * The copies stay exact through Redis's client-side caching support: the sessions are read on
 * a connection of their own with CLIENT TRACKING on, and Redis names every key read there that
 * is then changed, deleted or expired (a logout on any gateway, an idle timeout) on the
 * InvalidationFeed, which drops the copy. While tracking is off, every use reads Redis.
 */
@Injectable()
export class SessionStore implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionStore.name);
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private readonly renewEveryMs: number;
  private readonly reader: Redis;
  private tracking = false;
  private readonly known: CoherentCache<KnownSession>;
  /** Told of each change this gateway makes to a session key, which Redis does not tell it. */
  private readonly changeListeners: ((key: string) => void)[] = [];

  constructor(
    private readonly redis: Redis,
    @Inject(SESSION_LIFETIMES) lifetimes: SessionLifetimes,
    feed: InvalidationFeed,
  ) {
    this.idleMs = lifetimes.idleSeconds * 1000;
    this.absoluteMs = lifetimes.absoluteSeconds * 1000;
    this.renewEveryMs = Math.min(60_000, this.idleMs / 10);
    this.known = new CoherentCache(
      { maxEntries: 100_000, ttlMs: this.idleMs },
      () => this.tracking && feed.isLive,
    );
    this.reader = redis.duplicate();
    this.reader.on('ready', () => void this.track(feed.feedClientId));
    this.reader.on('close', () => (this.tracking = false));
    feed.onResubscribed((feedClientId) => this.track(feedClientId));
    feed.onKeysInvalidated((keys) =>
      keys === null ? this.known.clear() : keys.forEach((key) => this.known.invalidate(key)),
    );
  }

  /**
   * A new session with a fresh, unguessable id (256 random bits), listed under its account so
   * that all of an account's sessions can be ended at once.
   */
  async create(owner: Omit<Session, 'startedAt'>): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const session: Session = { ...owner, startedAt: Date.now() };
    const key = keyOf(id);
    const index = accountIndexOf(session.accountId);
    await withRedis(() =>
      execReplies(
        this.redis
          .multi()
          .set(key, JSON.stringify(session), 'PX', Math.min(this.idleMs, this.absoluteMs))
          .sadd(index, key)
          .pexpire(index, this.absoluteMs),
      ),
    );
    return id;
  }

  /** The session, its idle timeout renewed if due; undefined if unknown or expired. */
  async use(id: string): Promise<Session | undefined> {
    const key = keyOf(id);
    const known = await withRedis(() => this.known.get(key, () => this.read(key)));
    if (!known) return undefined;
    const now = Date.now();
    if (known.expiresAt <= now) return undefined;
    // A session from before absolute lifetimes (no start recorded) has had its time.
    const endsAt = (known.session.startedAt ?? 0) + this.absoluteMs;
    if (endsAt <= now) {
      await this.destroy(id);
      return undefined;
    }
    if (known.expiresAt - now < this.idleMs - this.renewEveryMs && known.expiresAt < endsAt) {
      // Other gateways hear of the change and drop their copies. Redis stops tracking a key
      // once it has changed, so this copy goes too: the next use reads it, and tracks it, anew.
      const idleMs = Math.min(this.idleMs, endsAt - now);
      const renewed = await withRedis(() => this.reader.pexpire(key, idleMs));
      this.known.invalidate(key);
      this.changed(key);
      if (renewed === 0) return undefined;
    }
    return known.session;
  }

  /**
   * The session while it lasts, and when it ends unless used again (its idle timeout, or its
   * absolute lifetime if sooner); undefined once ended. Renews nothing: a watcher's look.
   */
  async peek(id: string): Promise<{ session: Session; endsAt: number } | undefined> {
    const known = await withRedis(() => this.known.get(keyOf(id), () => this.read(keyOf(id))));
    if (!known) return undefined;
    const endsAt = Math.min(known.expiresAt, (known.session.startedAt ?? 0) + this.absoluteMs);
    return endsAt > Date.now() ? { session: known.session, endsAt } : undefined;
  }

  /**
   * Calls `listener` with the key of each session this gateway renews or ends. Changes made
   * elsewhere arrive on the InvalidationFeed, for keys this gateway has read.
   */
  onChanged(listener: (key: string) => void): void {
    this.changeListeners.push(listener);
  }

  async destroy(id: string): Promise<void> {
    const key = keyOf(id);
    this.known.invalidate(key);
    await withRedis(() => this.redis.del(key));
    this.changed(key);
  }

  /**
   * Ends every session of an account but `keep` (the one asking, after a password change), on
   * every gateway: their copies are dropped as Redis announces the deletions. Returns how many.
   */
  async destroyAll(accountId: string, keep?: string): Promise<number> {
    const index = accountIndexOf(accountId);
    const kept = keep === undefined ? undefined : keyOf(keep);
    const keys = (await withRedis(() => this.redis.smembers(index))).filter((k) => k !== kept);
    if (keys.length === 0) return 0;
    keys.forEach((key) => this.known.invalidate(key));
    const [deleted] = (await withRedis(() =>
      execReplies(
        this.redis
          .multi()
          .del(...keys)
          .srem(index, ...keys),
      ),
    )) as [number, number];
    keys.forEach((key) => this.changed(key));
    return deleted;
  }

  private changed(key: string): void {
    for (const listener of this.changeListeners) listener(key);
  }

  onApplicationShutdown(): void {
    this.reader.disconnect();
  }

  private async read(key: string): Promise<KnownSession | undefined> {
    // One transaction: the expiry read belongs to the value read.
    const [stored, ttlMs] = (await execReplies(this.reader.multi().get(key).pttl(key))) as [
      string | null,
      number,
    ];
    if (stored === null || ttlMs < 0) return undefined;
    return { session: JSON.parse(stored) as Session, expiresAt: Date.now() + ttlMs };
  }

  /**
   * (Re)starts tracking this connection's reads, redirected to the feed's current connection.
   * Copies kept before cannot be trusted: changes since may have gone unannounced.
   */
  private async track(feedClientId: number | undefined): Promise<void> {
    this.tracking = false;
    if (feedClientId === undefined || this.reader.status !== 'ready') return;
    try {
      await this.reader.client('TRACKING', 'OFF');
      await this.reader.client('TRACKING', 'ON', 'REDIRECT', String(feedClientId), 'NOLOOP');
      this.known.clear();
      this.tracking = true;
    } catch (error) {
      this.logger.warn(`session copies are off until Redis tracks reads: ${String(error)}`);
    }
  }
}

/** A session's Redis key: a hash of its id, so Redis's data holds no usable session. */
export const keyOf = (id: string) =>
  `session:${createHash('sha256').update(id).digest('base64url')}`;
/** The keys of an account's sessions (some may have expired already: deleting them is harmless). */
const accountIndexOf = (accountId: string) => `session:index:${accountId}`;

/** Without Redis no session can be checked: the request is refused for now, not failed. */
const withRedis = refusedWhileRedisFails(
  'sessions-unavailable',
  'Sessions cannot be checked right now; retry shortly.',
);
