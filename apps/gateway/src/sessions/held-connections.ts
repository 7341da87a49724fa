import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RetryLaterError, UnauthenticatedError } from '@orchard/platform/http';
import { InvalidationFeed } from '../cache/invalidation-feed';
import { keyOf, SessionStore } from './session.store';

export const MAX_CONNECTIONS_PER_SESSION = Symbol('MAX_CONNECTIONS_PER_SESSION');

/** A check of each session at least this often, should an announcement of its end be lost. */
const safetyCheckMs = 30_000;

interface Held {
  id: string;
  end: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * Long-lived connections a session holds open (order event streams): at most a few per
 * session, and each ended as soon as its session ends, on whichever gateway it ended (a
 * logout, log-out-everywhere, a password change) or by its idle or absolute timeout. A
 * session's end is heard from Redis (its key deleted or expired, see SessionStore), from this
 * gateway's own changes, and at the time it was due to end; each makes the holder check again.
 */
@Injectable()
export class HeldConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(HeldConnections.name);
  private readonly bySessionKey = new Map<string, Set<Held>>();

  constructor(
    private readonly sessions: SessionStore,
    feed: InvalidationFeed,
    @Inject(MAX_CONNECTIONS_PER_SESSION) private readonly maxPerSession: number,
  ) {
    sessions.onChanged((key) => this.checkSessionAgain(key));
    feed.onKeysInvalidated((keys) =>
      (keys ?? [...this.bySessionKey.keys()]).forEach((key) => this.checkSessionAgain(key)),
    );
    feed.onResubscribed(() =>
      [...this.bySessionKey.keys()].forEach((key) => this.checkSessionAgain(key)),
    );
  }

  /**
   * Holds a connection under session `id`, refused with 429 past the session's cap (and 401
   * if the session has just ended). `end` is called once, when the session ends; the returned
   * release is called when the connection closes for any other reason.
   */
  async hold(id: string, end: () => void): Promise<() => void> {
    const key = keyOf(id);
    const held = this.bySessionKey.get(key) ?? new Set<Held>();
    if (held.size >= this.maxPerSession)
      throw new RetryLaterError(
        429,
        'too-many-streams',
        `A session holds at most ${this.maxPerSession} open streams; close one first.`,
        5,
      );
    const connection: Held = { id, end };
    this.bySessionKey.set(key, held.add(connection));
    await this.endIfSessionEnded(key, connection);
    // Ended while this request was on its way: nothing to hold.
    if (!this.bySessionKey.get(key)?.has(connection)) throw new UnauthenticatedError();
    return () => this.release(key, connection);
  }

  /** Connections held now, by all sessions. */
  get count(): number {
    let count = 0;
    for (const held of this.bySessionKey.values()) count += held.size;
    return count;
  }

  onApplicationShutdown(): void {
    for (const held of this.bySessionKey.values()) for (const c of held) clearTimeout(c.timer);
  }

  private checkSessionAgain(key: string): void {
    for (const connection of this.bySessionKey.get(key) ?? [])
      void this.endIfSessionEnded(key, connection);
  }

  /** Ends the connection if its session has ended (or cannot be checked); else checks again when it is due to end. */
  private async endIfSessionEnded(key: string, connection: Held): Promise<void> {
    clearTimeout(connection.timer);
    let endsAt: number | undefined;
    try {
      endsAt = (await this.sessions.peek(connection.id))?.endsAt;
    } catch (error) {
      this.logger.warn(`a session could not be checked; its streams end: ${String(error)}`);
    }
    if (!this.bySessionKey.get(key)?.has(connection)) return;
    if (endsAt === undefined) {
      this.release(key, connection);
      connection.end();
      return;
    }
    const dueInMs = Math.max(0, Math.min(endsAt - Date.now(), safetyCheckMs));
    connection.timer = setTimeout(() => void this.endIfSessionEnded(key, connection), dueInMs + 50);
    connection.timer.unref();
  }

  private release(key: string, connection: Held): void {
    clearTimeout(connection.timer);
    const held = this.bySessionKey.get(key);
    held?.delete(connection);
    if (held?.size === 0) this.bySessionKey.delete(key);
  }
}
