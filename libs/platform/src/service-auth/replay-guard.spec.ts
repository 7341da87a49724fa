import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Redis from 'ioredis';
import { ReplayGuard } from './replay-guard';

/** Redis's SET NX, in memory, recording each call; or a Redis that is away. */
function fakeRedis(reachable: () => boolean, calls: unknown[][] = []): Redis {
  const keys = new Set<string>();
  return {
    set: async (key: string, ...rest: unknown[]) => {
      calls.push([key, ...rest]);
      if (!reachable()) throw new Error('Connection is closed.');
      if (keys.has(key)) return null;
      keys.add(key);
      return 'OK';
    },
  } as unknown as Redis;
}

describe('the replay guard', () => {
  const later = () => Date.now() + 10_000;

  it('accepts a token id once, across the instances sharing Redis', async () => {
    const redis = fakeRedis(() => true);
    const one = new ReplayGuard(redis, 'payment-service');
    const other = new ReplayGuard(redis, 'payment-service');
    assert.equal(await one.firstUse('t1', later()), true);
    assert.equal(await one.firstUse('t1', later()), false);
    assert.equal(await other.firstUse('t1', later()), false);
  });

  it('still refuses a replay to the same instance while Redis is away', async () => {
    let up = false;
    const guard = new ReplayGuard(
      fakeRedis(() => up),
      'payment-service',
    );
    assert.equal(await guard.firstUse('t2', later()), true);
    assert.equal(await guard.firstUse('t2', later()), false);
    up = true;
    assert.equal(await guard.firstUse('t3', later()), true);
  });

  it("keeps each id in Redis under its service's name, exactly until the token expires", async () => {
    const calls: unknown[][] = [];
    const redis = fakeRedis(() => true, calls);
    const until = later();
    assert.equal(await new ReplayGuard(redis, 'payment-service').firstUse('t5', until), true);
    // Another service's token ids are its own: the same id is new to it.
    assert.equal(await new ReplayGuard(redis, 'inventory-service').firstUse('t5', until), true);
    assert.deepEqual(calls, [
      ['replay:payment-service:t5', '1', 'PXAT', until, 'NX'],
      ['replay:inventory-service:t5', '1', 'PXAT', until, 'NX'],
    ]);
  });

  it('never asks Redis to keep an id until a time already past', async () => {
    const calls: unknown[][] = [];
    const guard = new ReplayGuard(
      fakeRedis(() => true, calls),
      'payment-service',
    );
    const before = Date.now();
    await guard.firstUse('t6', before - 5_000);
    const expiresAt = calls[0]?.[3] as number;
    assert.ok(expiresAt > before && expiresAt <= Date.now() + 1, `expires at ${expiresAt}`);
  });

  it('forgets ids once they have expired', async () => {
    const guard = new ReplayGuard(
      fakeRedis(() => false),
      'payment-service',
    );
    assert.equal(await guard.firstUse('t4', Date.now() - 1), true);
    assert.equal(
      await guard.firstUse('t4', later()),
      true,
      'expired, so the token itself is refused',
    );
  });
});
