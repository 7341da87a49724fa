import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { closedPort, operatorRedisUrl, waitFor } from '@orchard/stack';
import type Redis from 'ioredis';
import { connectRedisClient, createRedisClient } from '../redis/redis-client';
import { LockStoreUnreachableError, LockTimeoutError, LockUnavailableError } from './errors';
import { FencedLocks, type FencedLockOptions } from './fenced-locks';
import { fenceKey, lockKey } from './lock-keys';

const runId = randomBytes(4).toString('hex');
let resourceCount = 0;
const resources: string[] = [];

/** A resource no other run or test uses. */
function newResource(label: string): string {
  const resource = `locks-spec:${runId}:${label}:${++resourceCount}`;
  resources.push(resource);
  return resource;
}

describe('FencedLocks on Redis', () => {
  let redis: Redis;
  const locksWith = (options: Partial<FencedLockOptions> = {}) =>
    new FencedLocks(redis, { ttlMs: 10_000, acquireTimeoutMs: 10_000, ...options });
  const lockExists = async (resource: string) => (await redis.exists(lockKey(resource))) === 1;

  before(async () => {
    redis = await connectRedisClient(operatorRedisUrl());
  });

  after(async () => {
    await redis.del(...resources.flatMap((r) => [lockKey(r), fenceKey(r)]));
    redis.disconnect();
  });

  it('holds the lock with a TTL until released, with a higher token each time', async () => {
    const resource = newResource('cycle');
    const locks = locksWith({ ttlMs: 3_000 });

    const first = await locks.acquire([resource]);
    const ttl = await redis.pttl(lockKey(resource));
    assert.ok(ttl > 0 && ttl <= 3_000, `the lock expires by itself (pttl ${ttl})`);
    assert.equal(await first.release(), true);
    assert.equal(await lockExists(resource), false);
    const second = await locks.acquire([resource]);
    await second.release();

    assert.ok(second.tokenOf(resource) > first.tokenOf(resource));
  });

  it('keeps a held lock from others until the holder releases it', async () => {
    const resource = newResource('busy');
    const holder = await locksWith().acquire([resource]);

    await assert.rejects(
      locksWith({ acquireTimeoutMs: 100 }).acquire([resource]),
      (error: unknown) => error instanceof LockTimeoutError && error.resource === resource,
    );
    await holder.release();
    const next = await locksWith({ acquireTimeoutMs: 100 }).acquire([resource]);
    await next.release();

    assert.ok(next.tokenOf(resource) > holder.tokenOf(resource));
  });

  it('lets a stalled holder lose its lock at the TTL, and its release leave the next holder be', async () => {
    const resource = newResource('stalled');
    const stalled = await locksWith({ ttlMs: 100 }).acquire([resource]);
    await waitFor(async () => !(await lockExists(resource)), {
      timeoutMs: 5_000,
      intervalMs: 10,
      what: 'the stalled holder’s lock to expire',
    });

    const next = await locksWith().acquire([resource]);
    const nextOwner = await redis.get(lockKey(resource));

    assert.ok(next.tokenOf(resource) > stalled.tokenOf(resource), 'the next token is newer');
    assert.equal(await stalled.release(), false, 'the stalled holder no longer held it');
    assert.equal(await redis.get(lockKey(resource)), nextOwner, 'the next holder still holds it');
    assert.equal(await next.release(), true);
  });

  it('takes several locks in one fixed order, whatever order they are asked in', async () => {
    const [first, second] = [newResource('a'), newResource('b')];
    const other = await locksWith().acquire([first]);

    await assert.rejects(
      locksWith({ acquireTimeoutMs: 100 }).acquire([second, first]),
      (error: unknown) => error instanceof LockTimeoutError && error.resource === first,
    );

    // Waiting for the first, it never took the second: no token was ever drawn for it.
    assert.equal(await redis.exists(fenceKey(second)), 0);
    await other.release();
  });

  it('gives back the locks it took when a later one cannot be had', async () => {
    const [first, second] = [newResource('a'), newResource('b')];
    const other = await locksWith().acquire([second]);

    await assert.rejects(
      locksWith({ acquireTimeoutMs: 100 }).acquire([second, first]),
      (error: unknown) => error instanceof LockTimeoutError && error.resource === second,
    );

    assert.equal(await redis.exists(fenceKey(first)), 1, 'it had taken the first');
    assert.equal(await lockExists(first), false, 'and gave it back');
    assert.equal(await lockExists(second), true, 'the other holder still holds the second');
    await other.release();
  });

  it('runs holders of overlapping sets one at a time, without deadlock, in either order', async () => {
    const [a, b] = [newResource('a'), newResource('b')];
    const locks = locksWith();
    let inside = 0;
    let mostInside = 0;
    const work = async () => {
      inside++;
      mostInside = Math.max(mostInside, inside);
      await redis.ping(); // a round trip while holding, so overlaps would show
      inside--;
    };

    await Promise.all(
      Array.from({ length: 40 }, (_, i) => locks.withLocks(i % 2 === 0 ? [a, b] : [b, a], work)),
    );

    assert.equal(mostInside, 1);
    assert.equal(await lockExists(a), false);
    assert.equal(await lockExists(b), false);
  });

  it('keeps tokens rising when Redis has lost the counter, as after a restart', async () => {
    const resource = newResource('restart');
    const locks = locksWith();
    const before = await locks.acquire([resource]);
    await before.release();

    await redis.del(fenceKey(resource));
    const after = await locks.acquire([resource]);
    await after.release();

    assert.ok(after.tokenOf(resource) > before.tokenOf(resource));
  });

  it('fails with a retryable LockStoreUnreachableError when Redis is unreachable', async () => {
    const unreachable = createRedisClient(`redis://127.0.0.1:${await closedPort()}`, {
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined); // expected: nothing listens there
    try {
      await assert.rejects(
        new FencedLocks(unreachable, { ttlMs: 1_000, acquireTimeoutMs: 1_000 }).acquire([
          newResource('unreachable'),
        ]),
        (error: unknown) =>
          error instanceof LockStoreUnreachableError && error instanceof LockUnavailableError,
      );
    } finally {
      unreachable.disconnect();
    }
  });
});
