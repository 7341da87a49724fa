import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { register } from 'prom-client';
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

  it('says once that Redis went away and once that it came back, and counts each local check', async () => {
    const localChecks = async () =>
      (await register.getSingleMetric('orchard_service_token_local_replay_checks_total')?.get())
        ?.values[0]?.value ?? 0;
    const warned = mock.method(Logger.prototype, 'warn', () => undefined);
    const logged = mock.method(Logger.prototype, 'log', () => undefined);
    try {
      let up = true;
      const guard = new ReplayGuard(
        fakeRedis(() => up),
        'payment-service',
      );
      const before = await localChecks();
      await guard.firstUse('u1', later());
      assert.equal(warned.mock.callCount() + logged.mock.callCount(), 0, 'nothing to say');
      up = false;
      await guard.firstUse('u2', later());
      await guard.firstUse('u3', later());
      assert.equal(warned.mock.callCount(), 1);
      assert.match(
        String(warned.mock.calls[0]?.arguments[0]),
        /^replays are checked per instance only: Connection is closed\.$/,
      );
      assert.equal((await localChecks()) - before, 2);
      up = true;
      await guard.firstUse('u4', later());
      await guard.firstUse('u5', later());
      assert.deepEqual(
        logged.mock.calls.map((call) => call.arguments[0]),
        ['replays are checked across instances again'],
      );
      assert.equal(warned.mock.callCount(), 1);
      assert.equal((await localChecks()) - before, 2);
    } finally {
      warned.mock.restore();
      logged.mock.restore();
    }
  });

  it('remembers an id that has not expired while forgetting one that has', async () => {
    const guard = new ReplayGuard(
      fakeRedis(() => false),
      'payment-service',
    );
    await guard.firstUse('gone', Date.now() - 1);
    await guard.firstUse('kept', later());
    await guard.firstUse('next', later());
    assert.equal(await guard.firstUse('kept', later()), false);
    assert.equal(await guard.firstUse('gone', later()), true);
  });
});
