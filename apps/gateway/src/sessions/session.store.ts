import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RetryLaterError } from '@orchard/platform/http';
import { execReplies } from '@orchard/platform/redis';
import Redis from 'ioredis';
import { CoherentCache } from '../cache/coherent-cache';
import { InvalidationFeed } from '../cache/invalidation-feed';
import type { Session } from './session';

export const SESSION_IDLE_SECONDS = Symbol('SESSION_IDLE_SECONDS');

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
  private readonly renewEveryMs: number;
  private readonly reader: Redis;
  private tracking = false;
  private readonly known: CoherentCache<KnownSession>;

  constructor(
    private readonly redis: Redis,
    @Inject(SESSION_IDLE_SECONDS) idleSeconds: number,
    feed: InvalidationFeed,
  ) {
    this.idleMs = idleSeconds * 1000;
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

  /** A new session with a fresh, unguessable id (256 random bits). */
  async create(session: Session): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await withRedis(() => this.redis.set(keyOf(id), JSON.stringify(session), 'PX', this.idleMs));
    return id;
  }

  /** The session, its idle timeout renewed if due; undefined if unknown or expired. */
  async use(id: string): Promise<Session | undefined> {
    const key = keyOf(id);
    const known = await withRedis(() => this.known.get(key, () => this.read(key)));
    if (!known) return undefined;
    const now = Date.now();
    if (known.expiresAt <= now) return undefined;
    if (known.expiresAt - now < this.idleMs - this.renewEveryMs) {
      // Other gateways hear of the change and drop their copies. Redis stops tracking a key
      // once it has changed, so this copy goes too: the next use reads it, and tracks it, anew.
      const renewed = await withRedis(() => this.reader.pexpire(key, this.idleMs));
      this.known.invalidate(key);
      if (renewed === 0) return undefined;
    }
    return known.session;
  }

  async destroy(id: string): Promise<void> {
    const key = keyOf(id);
    this.known.invalidate(key);
    await withRedis(() => this.redis.del(key));
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

const keyOf = (id: string) => `session:${createHash('sha256').update(id).digest('base64url')}`;

/** Without Redis no session can be checked: the request is refused for now, not failed. */
async function withRedis<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch {
    throw new RetryLaterError(
      503,
      'sessions-unavailable',
      'Sessions cannot be checked right now; retry shortly.',
      2,
    );
  }
}
