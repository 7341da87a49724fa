import { createHash, randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import Redis from 'ioredis';
import { problem, RetryLaterError } from '@orchard/platform/http';
import { LuaScript } from '@orchard/platform/redis';
import { refusedWhileRedisFails } from '../redis/refused-while-redis-fails';

export interface StoredResponse {
  status: number;
  body: unknown;
  location?: string;
}

type Entry =
  | { state: 'in-flight'; fingerprint: string; lease: string }
  | ({ state: 'done'; fingerprint: string } & StoredResponse);

/** The right to run a keyed request: held while renewed, lost when its holder dies. */
export interface Lease {
  scope: string;
  key: string;
  fingerprint: string;
  token: string;
}

export type Claim =
  { kind: 'claimed'; lease: Lease } | { kind: 'replay'; response: StoredResponse };

/** A stored answer is kept 24 hours. */
export const idempotencyTtlSeconds = 24 * 60 * 60;

/**
 * How long a claim outlives its last renewal. The request renews it every third of this while
 * it runs, so only a dead (or cut off) gateway lets it lapse: the same key then works again
 * within this time, and the command, idempotent downstream, answers what it did the first time.
 */
export const defaultLeaseMs = 10_000;

/** Claims the key, or reads what holds it: one round trip, nothing in between. */
const claimScript = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {1} end
return {0, redis.call('GET', KEYS[1])}`);

/** Extends the lease, only while this request still holds it. */
const renewScript = new LuaScript(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local entry = cjson.decode(current)
if entry.state ~= 'in-flight' or entry.lease ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`);

/**
 * Stores the answer, unless one is stored already: after a lapsed lease, two runs of the same
 * command may both answer, and the first answer stays the answer.
 */
const completeScript = new LuaScript(`
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).state == 'done' then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`);

/** Gives the key up, only if this request still holds it. */
const releaseScript = new LuaScript(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local entry = cjson.decode(current)
if entry.state ~= 'in-flight' or entry.lease ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`);

/**
 * Redis is away, so a key cannot be checked: the command is not run rather than risk running
 * it twice. The client retries with the same key once Redis is back.
 */
const withRedis = refusedWhileRedisFails(
  'idempotency-unavailable',
  'Idempotency keys cannot be checked right now; retry with the same key shortly.',
);

/** A stable hash of what the request asks for: the same key must always mean the same request. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('base64url');
}

/**
 * Idempotency keys in Redis. The first request with a key claims it with a short lease; a
 * retry of the same request gets the stored response, or 409 while the first still runs; a
 * different request under the same key is refused (422).
 */
export class IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    readonly leaseMs: number = defaultLeaseMs,
  ) {}

  /** The store Nest provides, with the default lease. */
  static provider = {
    provide: IdempotencyStore,
    inject: [Redis],
    useFactory: (redis: Redis) => new IdempotencyStore(redis),
  };

  private redisKey(scope: string, key: string): string {
    return `idempotency:${scope}:${key}`;
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const token = randomUUID();
    const entry: Entry = { state: 'in-flight', fingerprint, lease: token };
    const [claimed, existing] = (await withRedis(() =>
      claimScript.run(
        this.redis,
        [this.redisKey(scope, key)],
        [JSON.stringify(entry), this.leaseMs],
      ),
    )) as [1] | [0, string];
    if (claimed === 1) return { kind: 'claimed', lease: { scope, key, fingerprint, token } };
    // The script is atomic: a key it could not claim is there, and its entry came back with it.
    const stored = JSON.parse(existing as string) as Entry;
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
      throw new RetryLaterError(
        409,
        'request-in-progress',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
        Math.ceil(this.leaseMs / 1_000),
      );
    }
    return {
      kind: 'replay',
      response: { status: stored.status, body: stored.body, location: stored.location },
    };
  }

  /** Keeps the lease while the request runs; false once it is no longer this request's. */
  async renew(lease: Lease): Promise<boolean> {
    const renewed = await renewScript.run(
      this.redis,
      [this.redisKey(lease.scope, lease.key)],
      [lease.token, this.leaseMs],
    );
    return renewed === 1;
  }

  async complete(lease: Lease, response: StoredResponse): Promise<void> {
    const entry: Entry = { state: 'done', fingerprint: lease.fingerprint, ...response };
    await withRedis(() =>
      completeScript.run(
        this.redis,
        [this.redisKey(lease.scope, lease.key)],
        [JSON.stringify(entry), idempotencyTtlSeconds],
      ),
    );
  }

  /** The request failed without an answer worth keeping: let a retry run it again. */
  async release(lease: Lease): Promise<void> {
    await withRedis(() =>
      releaseScript.run(this.redis, [this.redisKey(lease.scope, lease.key)], [lease.token]),
    );
  }
}
