import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import Redis from 'ioredis';
import { resolveSecrets, stackSecrets, type RedisUser } from '../secrets';
import { host, operatorRedisUrl, ports, redisUrlFor } from '../topology';

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

describe("Redis's users", () => {
  const connect = (url: string) =>
    new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
  const as = (user: RedisUser) =>
    connect(resolveSecrets({ url: redisUrlFor(user) }, stackSecrets())['url'] ?? '');

  it('refuses a client without a password', async () => {
    // No ready check: it would be refused before the command is.
    const anonymous = new Redis(`redis://${host}:${ports.redis}`, {
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    anonymous.on('error', () => undefined);
    try {
      await anonymous.connect();
      await assert.rejects(anonymous.get('session:x'), /NOAUTH/);
    } finally {
      anonymous.disconnect();
    }
  });

  it("lets an app touch its own keys only, not another app's", async () => {
    const gateway = as('gateway');
    const payment = as('payment-service');
    try {
      const key = `session:probe-${randomUUID()}`;
      assert.equal(await gateway.set(key, '1', 'EX', 10), 'OK');
      await assert.rejects(gateway.get(`lock:probe-${randomUUID()}`), /NOPERM/);
      await assert.rejects(payment.get(key), /NOPERM/);
      await assert.rejects(payment.get(`replay:order-service:${randomUUID()}`), /NOPERM/);
      assert.equal(
        await payment.set(`replay:payment-service:${randomUUID()}`, '1', 'EX', 10),
        'OK',
      );
      await assert.rejects(gateway.flushall(), /NOPERM/, 'no dangerous commands');
    } finally {
      gateway.disconnect();
      payment.disconnect();
    }
  });
});
