import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connectRedisClient } from '@orchard/platform/redis';
import { eventually, operatorRedisUrl } from '@orchard/stack';
import type Redis from 'ioredis';
import { sharedWindowStore } from './shared-window-store';

type Store = InstanceType<ReturnType<typeof sharedWindowStore>>;

const count = (store: Store, client: string, windowMs: number, max: number) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(
      client,
      (error, result) =>
        error || !result ? reject(error ?? new Error('no result')) : resolve(result),
      windowMs,
      max,
    ),
  );

describe('the shared-window rate-limit store, on the real Redis', () => {
  let redis: Redis;
  let nameSpace: string;

  before(async () => {
    redis = await connectRedisClient(operatorRedisUrl());
  });

  after(() => redis.disconnect());

  const twoGateways = () => {
    nameSpace = `test-rate-limit:${randomUUID()}:`;
    const First = sharedWindowStore(redis, nameSpace);
    const Second = sharedWindowStore(redis, nameSpace);
    return [new First(), new Second()] as const;
  };

  it('counts one process exactly: the request over the limit is the one refused', async () => {
    const [first] = twoGateways();
    const counts: number[] = [];
    for (let i = 0; i < 12; i++) counts.push((await count(first, 'client', 60_000, 10)).current);
    assert.deepEqual(counts, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('holds a client spread over two processes to its limit, give or take half of it', async () => {
    const [first, second] = twoGateways();
    const max = 10;
    const counts: number[] = [];
    // Alternating processes, as a load balancer would spread one client's requests.
    for (let i = 0; i < 20; i++)
      counts.push((await count(i % 2 === 0 ? first : second, 'client', 60_000, max)).current);
    // Each process counts alone up to half the limit, so together they may pass half a limit
    // more before both count in Redis; from then on every request is refused.
    const passed = counts.filter((current) => current <= max).length;
    assert.ok(passed >= max && passed <= max + max / 2, `${counts.join(',')}`);
    assert.ok(
      counts.slice(max + max / 2).every((current) => current > max),
      `${counts.join(',')}`,
    );
  });

  it('sends far-from-the-limit counts to Redis in batches, where every process sees them', async () => {
    const [first, second] = twoGateways();
    for (let i = 0; i < 30; i++) await count(first, 'client', 60_000, 1_000);
    await eventually(async () => assert.equal(Number(await redis.get(`${nameSpace}client`)), 30));
    const ttl = await redis.pttl(`${nameSpace}client`);
    assert.ok(ttl > 0 && ttl <= 60_000, `the window expires: ${ttl}`);
    // A process that knows nothing of the client yet, at a limit below the shared count.
    assert.equal((await count(second, 'client', 60_000, 1)).current, 31);
  });

  it('starts a new window once the old one has ended', async () => {
    const [first] = twoGateways();
    assert.equal((await count(first, 'client', 200, 2)).current, 1);
    assert.equal((await count(first, 'client', 200, 2)).current, 2);
    assert.equal((await count(first, 'client', 200, 2)).current, 3);
    await eventually(async () => assert.equal((await count(first, 'client', 200, 2)).current, 1));
  });
});
