import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RetryLaterError } from '@orchard/platform';
import Redis from 'ioredis';
import type { Session } from './session';

export const SESSION_IDLE_SECONDS = Symbol('SESSION_IDLE_SECONDS');

/**
 * Sessions in Redis, so any gateway instance serves any session. The key is a hash of the
 * session id: a copy of Redis's data holds no usable session. Each use pushes the idle
 * timeout back; an idle session simply expires.
 */
@Injectable()
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    @Inject(SESSION_IDLE_SECONDS) private readonly idleSeconds: number,
  ) {}

  /** A new session with a fresh, unguessable id (256 random bits). */
  async create(session: Session): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await withRedis(() =>
      this.redis.set(keyOf(id), JSON.stringify(session), 'EX', this.idleSeconds),
    );
    return id;
  }

  /** The session, its idle timeout renewed; undefined if unknown or expired. */
  async use(id: string): Promise<Session | undefined> {
    const stored = await withRedis(() => this.redis.getex(keyOf(id), 'EX', this.idleSeconds));
    return stored === null ? undefined : (JSON.parse(stored) as Session);
  }

  async destroy(id: string): Promise<void> {
    await withRedis(() => this.redis.del(keyOf(id)));
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
