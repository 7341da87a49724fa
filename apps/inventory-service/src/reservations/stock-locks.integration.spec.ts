import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { businessErrors, businessErrorTypes } from '@orchard/contracts';
import { Database } from '@orchard/platform/database';
import {
  fenceKey,
  FencedLocks,
  lockKey,
  LockStoreUnreachableError,
  StaleLockError,
} from '@orchard/platform/locks';
import { createRedisClient } from '@orchard/platform/redis';
import { ApplicationFailure, ensureApplicationFailure } from '@temporalio/common';
import {
  closedPort,
  eventually,
  fencingTokenOf,
  outboxCount,
  reservationsOn,
  startInventory,
  stockOf,
  uniqueSku,
  type InventoryFixture,
} from '../testing/integration-fixture';
import { stockLockOf } from './stock-locks';

const isOutOfStock = (error: unknown) =>
  error instanceof ApplicationFailure &&
  error.type === businessErrors.outOfStock &&
  error.nonRetryable === true;

/** What Temporal makes of an activity's error: retried, and no business answer. */
function assertRetryable(error: unknown): void {
  const failure = ensureApplicationFailure(error);
  assert.equal(failure.nonRetryable, false, `${failure.type} is retried`);
  assert.ok(!businessErrorTypes.includes(failure.type ?? ''), `${failure.type} is no answer`);
}

describe('reservations under per-SKU stock locks', () => {
  let inventory: InventoryFixture;
  const lockedSkus: string[] = [];

  before(async () => {
    inventory = await startInventory('stock_locks');
  });

  after(async () => {
    const resources = lockedSkus.map(stockLockOf);
    await inventory.redis.del(...resources.flatMap((r) => [lockKey(r), fenceKey(r)]));
    await inventory.close();
  });

  async function stockedProduct(label: string, onHand: number): Promise<string> {
    const sku = uniqueSku(label);
    lockedSkus.push(sku);
    await inventory.catalog.upsertProduct(sku, {
      name: `Product ${label}`,
      priceCents: 100,
      warehouse: 'north',
      lowStockThreshold: 0,
    });
    await inventory.catalog.adjustStock(sku, { delta: onHand, reason: 'delivery' });
    return sku;
  }

  async function reservationCount(orderIds: readonly string[]): Promise<number> {
    const [row] = await inventory.database.query<{ n: number }>(
      'select count(distinct order_id)::int as n from reservations where order_id = any($1::uuid[])',
      [orderIds],
    );
    return row?.n ?? 0;
  }

  it('lets exactly 50 of 200 concurrent one-unit orders reserve 50 units', async () => {
    const sku = await stockedProduct('CROWD', 50);
    const orderIds = Array.from({ length: 200 }, () => randomUUID());

    const outcomes = await Promise.all(
      orderIds.map((orderId) =>
        inventory.reservations.reserve(orderId, [{ sku, quantity: 1 }]).then(
          () => 'reserved',
          (error: unknown) => (isOutOfStock(error) ? 'out of stock' : error),
        ),
      ),
    );

    // Every other outcome is an answer; a negative on_hand would have failed its check.
    const unexpected = outcomes.filter((o) => o !== 'reserved' && o !== 'out of stock');
    assert.deepEqual(unexpected, []);
    assert.equal(outcomes.filter((o) => o === 'reserved').length, 50);
    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 0,
      reserved: 50,
      shipped: 0,
    });
    assert.equal(await reservationCount(orderIds), 50);
    assert.ok((await fencingTokenOf(inventory.database, sku)) > 0, 'the writes carried tokens');
  });

  it('reserves two SKUs all or nothing for orders naming them in opposite orders', async () => {
    const [a, b] = [await stockedProduct('PAIR-A', 30), await stockedProduct('PAIR-B', 30)];
    const orders = Array.from({ length: 60 }, (_, i) => ({
      orderId: randomUUID(),
      items:
        i % 2 === 0
          ? [
              { sku: a, quantity: 1 },
              { sku: b, quantity: 1 },
            ]
          : [
              { sku: b, quantity: 1 },
              { sku: a, quantity: 1 },
            ],
    }));

    const outcomes = await Promise.all(
      orders.map(({ orderId, items }) =>
        inventory.reservations.reserve(orderId, items).then(
          () => 'reserved',
          (error: unknown) => (isOutOfStock(error) ? 'out of stock' : error),
        ),
      ),
    );

    assert.deepEqual(
      outcomes.filter((o) => o !== 'reserved' && o !== 'out of stock'),
      [],
    );
    assert.equal(outcomes.filter((o) => o === 'reserved').length, 30);
    for (const sku of [a, b]) {
      assert.deepEqual(await stockOf(inventory.database, sku), {
        onHand: 0,
        reserved: 30,
        shipped: 0,
      });
    }
  });

  it('refuses the late write of a holder that stalled past its TTL, and writes nothing of it', async () => {
    const sku = await stockedProduct('STALL', 10);
    const lock = stockLockOf(sku);
    // The stalled holder's only connection is taken, so after locking it waits for one.
    const starvedDatabase = new Database(inventory.url, { max: 1 });
    const connection = await starvedDatabase.pool.connect();
    let connectionHeld = true;
    const releaseConnection = () => {
      if (connectionHeld) connection.release();
      connectionHeld = false;
    };
    const stalled = reservationsOn(
      starvedDatabase,
      new FencedLocks(inventory.redis, { ttlMs: 200, acquireTimeoutMs: 5_000 }),
    );
    const [stalledOrder, nextOrder] = [randomUUID(), randomUUID()];

    try {
      const lateOutcome = stalled.reserve(stalledOrder, [{ sku, quantity: 4 }]).then(
        () => 'reserved',
        (error: unknown) => error,
      );
      await eventually(async () => assert.ok(await inventory.redis.exists(fenceKey(lock))));
      const stalledToken = Number(await inventory.redis.get(fenceKey(lock)));
      await eventually(async () => assert.equal(await inventory.redis.exists(lockKey(lock)), 0));

      await inventory.reservations.reserve(nextOrder, [{ sku, quantity: 1 }]);
      const acceptedToken = await fencingTokenOf(inventory.database, sku);
      releaseConnection();
      const late = await lateOutcome;

      assert.ok(late instanceof StaleLockError, `refused as stale: ${String(late)}`);
      assertRetryable(late);
      assert.ok(acceptedToken > stalledToken, 'the next holder wrote with a newer token');
      assert.equal(await fencingTokenOf(inventory.database, sku), acceptedToken);
      assert.deepEqual(await stockOf(inventory.database, sku), {
        onHand: 9,
        reserved: 1,
        shipped: 0,
      });
      assert.equal(await reservationCount([stalledOrder]), 0);
      assert.equal(await outboxCount(inventory.database, stalledOrder, 'stock.reserved'), 0);
    } finally {
      releaseConnection();
      await starvedDatabase.close();
    }
  });

  it('fails with a retryable error and writes nothing when Redis is unreachable', async () => {
    const sku = await stockedProduct('NOREDIS', 5);
    const unreachable = createRedisClient(`redis://127.0.0.1:${await closedPort()}`, {
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined); // expected: nothing listens there
    const orderId = randomUUID();
    try {
      const withoutRedis = reservationsOn(
        inventory.database,
        new FencedLocks(unreachable, { ttlMs: 5_000, acquireTimeoutMs: 1_000 }),
      );

      const error = await withoutRedis.reserve(orderId, [{ sku, quantity: 2 }]).then(
        () => undefined,
        (e: unknown) => e,
      );

      assert.ok(error instanceof LockStoreUnreachableError, String(error));
      assertRetryable(error);
      assert.deepEqual(await stockOf(inventory.database, sku), {
        onHand: 5,
        reserved: 0,
        shipped: 0,
      });
      assert.equal(await reservationCount([orderId]), 0);
    } finally {
      unreachable.disconnect();
    }
  });
});
