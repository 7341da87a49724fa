import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import Redis from 'ioredis';
import { operatorRedisUrl } from '../topology';

describe('Redis', () => {
  const redis = new Redis(operatorRedisUrl(), { maxRetriesPerRequest: 1 });
  after(() => redis.quit());

  it('stores and returns a value with its time to live', async () => {
    const key = `probe:roundtrip:${randomUUID()}`;
    await redis.set(key, 'hello', 'EX', 60);
    assert.equal(await redis.get(key), 'hello');
    const ttl = await redis.ttl(key);
    assert.ok(ttl > 0 && ttl <= 60, `ttl ${ttl}`);
    await redis.del(key);
    assert.equal(await redis.get(key), null);
  });

  it('refuses to evict keys under memory pressure (locks and sessions must not vanish)', async () => {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    assert.equal(policy, 'noeviction');
  });
});
