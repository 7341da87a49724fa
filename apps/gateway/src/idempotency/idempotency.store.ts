import { createHash } from 'node:crypto';
import { HttpException, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { problem, RetryLaterError } from '@orchard/platform';

export interface StoredResponse {
  status: number;
  body: unknown;
  location?: string;
}

type Entry =
  | { state: 'in-flight'; fingerprint: string }
  | ({ state: 'done'; fingerprint: string } & StoredResponse);

export type Claim = { kind: 'claimed' } | { kind: 'replay'; response: StoredResponse };

/** Keys live 24 hours from their first use. */
export const idempotencyTtlSeconds = 24 * 60 * 60;

/**
 * Redis is away, so a key cannot be checked: the command is not run rather than risk running
 * it twice. The client retries with the same key once Redis is back.
 */
const keysUnavailable = () =>
  new RetryLaterError(
    503,
    'idempotency-unavailable',
    'Idempotency keys cannot be checked right now; retry with the same key shortly.',
    2,
  );

/** A Redis command; a Redis failure becomes the 503 above. */
async function withRedis<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch {
    throw keysUnavailable();
  }
}

/** A stable hash of what the request asks for: the same key must always mean the same request. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('base64url');
}

/**
 * Idempotency keys in Redis. The first request with a key claims it (SET NX); a retry with the
 * same request gets the stored response; a different request under the same key is refused
 * (422), and so is a retry while the first is still being served (409).
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly redis: Redis) {}

  private redisKey(scope: string, key: string): string {
    return `idempotency:${scope}:${key}`;
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const redisKey = this.redisKey(scope, key);
    const entry: Entry = { state: 'in-flight', fingerprint };
    const claimed = await withRedis(() =>
      this.redis.set(redisKey, JSON.stringify(entry), 'EX', idempotencyTtlSeconds, 'NX'),
    );
    if (claimed === 'OK') return { kind: 'claimed' };
    const existing = await withRedis(() => this.redis.get(redisKey));
    // Expired or abandoned between the two calls: claim again.
    if (existing === null) return this.claim(scope, key, fingerprint);
    const stored = JSON.parse(existing) as Entry;
    if (stored.fingerprint !== fingerprint) {
      throw new HttpException(
        problem(
          422,
          'idempotency-key-reused',
          'This Idempotency-Key was used with a different request.',
        ),
        422,
      );
    }
    if (stored.state === 'in-flight') {
      throw new HttpException(
        problem(
          409,
          'request-in-progress',
          'A request with this Idempotency-Key is still being processed.',
        ),
        409,
      );
    }
    return {
      kind: 'replay',
      response: { status: stored.status, body: stored.body, location: stored.location },
    };
  }

  async complete(
    scope: string,
    key: string,
    fingerprint: string,
    response: StoredResponse,
  ): Promise<void> {
    const entry: Entry = { state: 'done', fingerprint, ...response };
    await withRedis(() =>
      this.redis.set(this.redisKey(scope, key), JSON.stringify(entry), 'KEEPTTL'),
    );
  }

  /** The request failed without an answer worth keeping: let a retry run it again. */
  async release(scope: string, key: string): Promise<void> {
    await withRedis(() => this.redis.del(this.redisKey(scope, key)));
  }
}
