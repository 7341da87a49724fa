import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { HttpException } from '@nestjs/common';
import type Redis from 'ioredis';
import { RetryLaterError } from '@orchard/platform/http';
import { connectRedisClient } from '@orchard/platform/redis';
import { operatorRedisUrl, waitFor } from '@orchard/stack';
import { fingerprintOf, IdempotencyStore, type StoredResponse } from './idempotency.store';
import { idempotent } from './idempotent';
import { recordingReply } from './recording-reply';

const statusOf = (error: unknown) => (error instanceof HttpException ? error.getStatus() : 500);

/** Keyed requests against the real Redis, each test under keys of its own. */
describe('idempotent commands, on the real Redis', () => {
  let redis: Redis;

  before(async () => {
    redis = await connectRedisClient(operatorRedisUrl());
  });
  after(() => redis.disconnect());

  const request = (key: string, body: unknown = { items: 1 }) => ({
    key,
    scope: `spec:${randomUUID()}`,
    method: 'POST',
    path: '/orders',
    body,
  });

  it('runs a command once for concurrent duplicates, and replays its answer after', async () => {
    const store = new IdempotencyStore(redis);
    const keyed = request(randomUUID());
    let runs = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const execute = async (): Promise<StoredResponse> => {
      runs += 1;
      await finished;
      return { status: 202, body: { orderId: 'o-1' }, location: '/orders/o-1' };
    };
    const first = recordingReply();
    const running = idempotent(store, keyed, first.reply, execute);
    await waitFor(async () => runs === 1, { timeoutMs: 5_000, what: 'the first run' });
    const duplicates = await Promise.allSettled(
      Array.from({ length: 10 }, () => idempotent(store, keyed, recordingReply().reply, execute)),
    );
    finish();
    await running;

    assert.equal(runs, 1);
    for (const duplicate of duplicates) {
      assert.equal(duplicate.status, 'rejected');
      const error = duplicate.status === 'rejected' ? duplicate.reason : undefined;
      assert.ok(error instanceof RetryLaterError && error.getStatus() === 409);
    }
    const replay = recordingReply();
    await idempotent(store, keyed, replay.reply, execute);
    assert.equal(runs, 1);
    assert.deepEqual(replay.sent, {
      status: 202,
      headers: { 'idempotent-replayed': 'true', location: '/orders/o-1' },
      body: { orderId: 'o-1' },
    });
    assert.deepEqual(first.sent.body, replay.sent.body);
  });

  it('refuses another request under the same key with 422, and never replays it', async () => {
    const store = new IdempotencyStore(redis);
    const keyed = request(randomUUID(), { items: 1 });
    await idempotent(store, keyed, recordingReply().reply, async () => ({
      status: 202,
      body: 'a',
    }));
    const other = recordingReply();
    await assert.rejects(
      idempotent(store, { ...keyed, body: { items: 2 } }, other.reply, async () => ({
        status: 202,
        body: 'b',
      })),
      (error: unknown) => statusOf(error) === 422,
    );
    assert.equal(other.sent.body, undefined);
  });

  it('holds the key for as long as the command runs, renewing its short lease', async () => {
    const store = new IdempotencyStore(redis, 300);
    const keyed = request(randomUUID());
    let runs = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const slow = async (): Promise<StoredResponse> => {
      runs += 1;
      await finished;
      return { status: 202, body: 'done' };
    };
    // A duplicate that got the key would answer at once: a lapsed lease fails the spec now,
    // not at its time limit.
    const quick = async (): Promise<StoredResponse> => {
      runs += 1;
      return { status: 202, body: 'ran twice' };
    };
    const running = idempotent(store, keyed, recordingReply().reply, slow);
    try {
      await waitFor(async () => runs === 1, { timeoutMs: 5_000, what: 'the run' });
      // Four leases long: without renewal the key would have lapsed three times over.
      for (let i = 0; i < 4; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await assert.rejects(
          idempotent(store, keyed, recordingReply().reply, quick),
          (error: unknown) => statusOf(error) === 409,
          `a duplicate ${(i + 1) * 300} ms in is refused: the key is still held`,
        );
      }
    } finally {
      finish();
      await running;
    }
    assert.equal(runs, 1);
  });

  it('runs the command again once the process serving it died and its lease lapsed', async () => {
    const store = new IdempotencyStore(redis, 300);
    const keyed = request(randomUUID());
    // A gateway that claimed the key, then died: no renewal, no answer.
    await store.claim(keyed.scope, keyed.key, fingerprintOf(keyed.method, keyed.path, keyed.body));
    const execute = async (): Promise<StoredResponse> => ({ status: 202, body: 'placed once' });
    await assert.rejects(
      idempotent(store, keyed, recordingReply().reply, execute),
      (error: unknown) => statusOf(error) === 409,
    );
    const retry = recordingReply();
    await waitFor(
      async () =>
        idempotent(store, keyed, retry.reply, execute).then(
          () => true,
          () => false,
        ),
      { timeoutMs: 3_000, intervalMs: 50, what: 'the lapsed lease' },
    );
    assert.deepEqual([retry.sent.status, retry.sent.body], [202, 'placed once']);
  });

  it('answers even when Redis fails to store the answer; the key works again after its lease', async () => {
    const failing = await connectRedisClient(operatorRedisUrl());
    const store = new IdempotencyStore(failing, 300);
    const keyed = request(randomUUID());
    let runs = 0;
    const execute = async (): Promise<StoredResponse> => {
      runs += 1;
      if (runs === 1) failing.disconnect(); // Redis is gone before the answer is stored
      return { status: 202, body: { orderId: 'derived-from-the-key' } };
    };
    const first = recordingReply();
    await idempotent(store, keyed, first.reply, execute);
    assert.deepEqual(
      [first.sent.status, first.sent.body],
      [202, { orderId: 'derived-from-the-key' }],
    );

    const healthy = new IdempotencyStore(redis, 300);
    const retry = recordingReply();
    await waitFor(
      async () =>
        idempotent(healthy, keyed, retry.reply, execute).then(
          () => true,
          (error: unknown) => {
            assert.equal(statusOf(error), 409, 'only the claim stands in the way');
            return false;
          },
        ),
      { timeoutMs: 3_000, intervalMs: 50, what: 'the claim to lapse' },
    );
    assert.equal(runs, 2, 'run again: idempotent downstream, it answers the same');
    assert.deepEqual(retry.sent.body, first.sent.body);
  });

  it('keeps a client error as the answer, and forgets a failure so a retry can succeed', async () => {
    const store = new IdempotencyStore(redis);
    const refused = request(randomUUID());
    const refusal = async (): Promise<StoredResponse> => {
      throw new HttpException({ title: 'out of stock' }, 422);
    };
    await assert.rejects(idempotent(store, refused, recordingReply().reply, refusal));
    const replayed = recordingReply();
    await idempotent(store, refused, replayed.reply, async () => ({ status: 202, body: 'x' }));
    assert.equal(replayed.sent.status, 422);

    const failed = request(randomUUID());
    await assert.rejects(
      idempotent(store, failed, recordingReply().reply, async () => {
        throw new Error('the order service is down');
      }),
    );
    const retried = recordingReply();
    await idempotent(store, failed, retried.reply, async () => ({ status: 202, body: 'ok' }));
    assert.deepEqual([retried.sent.status, retried.sent.body], [202, 'ok']);
  });
});
