import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { businessErrors, type UpsertProductRequest } from '@orchard/contracts';
import { ConflictError } from '@orchard/platform/http';
import { RolledBackOnPurpose, rollingBack } from '@orchard/platform/testing';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CatalogService } from '../catalog/catalog.service';
import { ApplicationFailure } from '@temporalio/common';
import {
  outboxCount,
  outboxPayloads,
  reservationsOn,
  startInventory,
  stockOf,
  uniqueSku,
  type InventoryFixture,
  type StockRow,
} from '../testing/integration-fixture';

const total = (stock: StockRow) => stock.onHand + stock.reserved + stock.shipped;

/** A rejection the saga treats as a business answer: the given type, never retried. */
const businessFailureOf = (type: string) => (error: unknown) =>
  error instanceof ApplicationFailure && error.type === type && error.nonRetryable === true;

describe('reservations on PostgreSQL', () => {
  let inventory: InventoryFixture;

  before(async () => {
    inventory = await startInventory('reservations');
  });

  after(async () => {
    await inventory.close();
  });

  async function stockedProduct(
    label: string,
    onHand: number,
    product: Partial<UpsertProductRequest> = {},
  ): Promise<string> {
    const sku = uniqueSku(label);
    await inventory.catalog.upsertProduct(sku, {
      name: `Product ${label}`,
      priceCents: 250,
      warehouse: 'north',
      lowStockThreshold: 0,
      ...product,
    });
    if (onHand > 0) await inventory.catalog.adjustStock(sku, { delta: onHand, reason: 'delivery' });
    return sku;
  }

  it('writes a reservation and its event in one transaction: a rollback leaves neither', async () => {
    const sku = await stockedProduct('ROLLBACK', 5);
    const orderId = randomUUID();
    const rolling = reservationsOn(rollingBack(inventory.database), inventory.locks);
    await assert.rejects(rolling.reserve(orderId, [{ sku, quantity: 2 }]), RolledBackOnPurpose);
    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 5,
      reserved: 0,
      shipped: 0,
    });
    assert.equal(await outboxCount(inventory.database, orderId, 'stock.reserved'), 0);
    const adjusting = new CatalogService(new CatalogRepository(rollingBack(inventory.database)));
    await assert.rejects(
      adjusting.adjustStock(sku, { delta: 3, reason: 'x' }),
      RolledBackOnPurpose,
    );
    assert.equal((await stockOf(inventory.database, sku)).onHand, 5);
    assert.equal(await outboxCount(inventory.database, sku, 'stock.adjusted'), 1, 'the first only');
  });

  it('prices lines from the catalog and moves units from on_hand to reserved', async () => {
    const tea = await stockedProduct('TEA', 10, { priceCents: 450 });
    const mug = await stockedProduct('MUG', 3, { priceCents: 1200, warehouse: 'south' });
    const orderId = randomUUID();

    const reservation = await inventory.reservations.reserve(orderId, [
      { sku: mug, quantity: 1 },
      { sku: tea, quantity: 2 },
    ]);

    assert.deepEqual(reservation, {
      lines: [
        { sku: tea, quantity: 2, unitPriceCents: 450, warehouse: 'north' },
        { sku: mug, quantity: 1, unitPriceCents: 1200, warehouse: 'south' },
      ].sort((a, b) => (a.sku < b.sku ? -1 : 1)),
      totalCents: 2100,
    });
    assert.deepEqual(await stockOf(inventory.database, tea), {
      onHand: 8,
      reserved: 2,
      shipped: 0,
    });
    assert.deepEqual(await stockOf(inventory.database, mug), {
      onHand: 2,
      reserved: 1,
      shipped: 0,
    });
    const view = await inventory.reservations.get(orderId);
    assert.equal(view.status, 'RESERVED');
    assert.deepEqual(view.lines, reservation.lines);
    const [event] = await outboxPayloads(inventory.database, orderId, 'stock.reserved');
    assert.deepEqual(event?.data, { orderId, ...reservation });
  });

  it('reserves once when the same order is reserved again, at once or later', async () => {
    const sku = await stockedProduct('RETRY', 10);
    const orderId = randomUUID();
    const items = [{ sku, quantity: 3 }];

    // Retries overtaking a slow first attempt, all at the same time. The pool's connections
    // are opened first: connecting alone would otherwise space the attempts out.
    const attempts = 8;
    await Promise.all(
      Array.from({ length: attempts }, () => inventory.database.query('select pg_sleep(0.02)')),
    );
    const [first, ...racing] = await Promise.all(
      Array.from({ length: attempts }, () => inventory.reservations.reserve(orderId, items)),
    );
    await inventory.catalog.upsertProduct(sku, {
      name: 'Repriced',
      priceCents: 999,
      warehouse: 'north',
      lowStockThreshold: 0,
    });
    const later = await inventory.reservations.reserve(orderId, items);

    for (const attempt of racing) assert.deepEqual(attempt, first);
    assert.deepEqual(later, first, 'a retry returns the lines as first priced');
    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 7,
      reserved: 3,
      shipped: 0,
    });
    assert.equal(await outboxCount(inventory.database, orderId, 'stock.reserved'), 1);
  });

  it('reserves nothing when a line is short, and fails with a non-retryable OutOfStock', async () => {
    const plenty = await stockedProduct('PLENTY', 10);
    const scarce = await stockedProduct('SCARCE', 2);
    const orderId = randomUUID();

    await assert.rejects(
      inventory.reservations.reserve(orderId, [
        { sku: plenty, quantity: 5 },
        { sku: scarce, quantity: 3 },
      ]),
      businessFailureOf(businessErrors.outOfStock),
    );

    assert.deepEqual(await stockOf(inventory.database, plenty), {
      onHand: 10,
      reserved: 0,
      shipped: 0,
    });
    assert.deepEqual(await stockOf(inventory.database, scarce), {
      onHand: 2,
      reserved: 0,
      shipped: 0,
    });
    const [row] = await inventory.database.query<{ n: number }>(
      'select count(*)::int as n from reservations where order_id = $1',
      [orderId],
    );
    assert.equal(row?.n, 0);
    assert.equal(await outboxCount(inventory.database, orderId, 'stock.reserved'), 0);
  });

  it('fails with a non-retryable UnknownProduct for a SKU the catalog lacks', async () => {
    const known = await stockedProduct('KNOWN', 5);
    const orderId = randomUUID();
    await assert.rejects(
      inventory.reservations.reserve(orderId, [
        { sku: known, quantity: 1 },
        { sku: uniqueSku('GHOST'), quantity: 1 },
      ]),
      businessFailureOf(businessErrors.unknownProduct),
    );
    assert.equal((await stockOf(inventory.database, known)).onHand, 5);
    assert.equal(await outboxCount(inventory.database, orderId, 'stock.reserved'), 0);
  });

  it('releases reserved units back on hand, once however often it is called', async () => {
    const sku = await stockedProduct('REL', 6);
    const orderId = randomUUID();
    await inventory.reservations.reserve(orderId, [{ sku, quantity: 4 }]);

    await inventory.reservations.release(orderId);
    await inventory.reservations.release(orderId);

    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 6,
      reserved: 0,
      shipped: 0,
    });
    assert.equal((await inventory.reservations.get(orderId)).status, 'RELEASED');
    const events = await outboxPayloads(inventory.database, orderId, 'stock.released');
    assert.deepEqual(
      events.map((e) => e.data),
      [{ orderId, lines: [{ sku, quantity: 4 }] }],
    );
    // A retried reserve after the release must not take the units again.
    await inventory.reservations.reserve(orderId, [{ sku, quantity: 4 }]);
    assert.equal((await stockOf(inventory.database, sku)).onHand, 6);
  });

  it('treats releasing an order it never reserved for as done', async () => {
    await inventory.reservations.release(randomUUID());
  });

  it('commits reserved units as shipped, once, and refuses to release them afterwards', async () => {
    const sku = await stockedProduct('COMMIT', 5);
    const orderId = randomUUID();
    await inventory.reservations.reserve(orderId, [{ sku, quantity: 2 }]);

    await inventory.reservations.commit(orderId);
    await inventory.reservations.commit(orderId);

    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 3,
      reserved: 0,
      shipped: 2,
    });
    assert.equal((await inventory.reservations.get(orderId)).status, 'COMMITTED');
    assert.equal(await outboxCount(inventory.database, orderId, 'stock.committed'), 1);
    await assert.rejects(inventory.reservations.release(orderId), ConflictError);
  });

  it('keeps on_hand + reserved + shipped constant except through adjustments', async () => {
    const sku = await stockedProduct('INV', 10);
    const [kept, dropped] = [randomUUID(), randomUUID()];
    const expectTotal = async (expected: number, after: string) =>
      assert.equal(total(await stockOf(inventory.database, sku)), expected, after);

    await inventory.reservations.reserve(kept, [{ sku, quantity: 3 }]);
    await expectTotal(10, 'reserve');
    await inventory.reservations.reserve(dropped, [{ sku, quantity: 2 }]);
    await expectTotal(10, 'second reserve');
    await assert.rejects(inventory.reservations.reserve(randomUUID(), [{ sku, quantity: 99 }]));
    await expectTotal(10, 'failed reserve');
    await inventory.reservations.release(dropped);
    await expectTotal(10, 'release');
    await inventory.reservations.commit(kept);
    await expectTotal(10, 'commit');
    await inventory.catalog.adjustStock(sku, { delta: -4, reason: 'count' });
    await expectTotal(6, 'adjustment');
    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 3,
      reserved: 0,
      shipped: 3,
    });
  });

  it('lets exactly 10 of 20 concurrent one-unit orders reserve 10 units on hand', async () => {
    const sku = await stockedProduct('RUSH', 10);
    const orders = Array.from({ length: 20 }, () => randomUUID());

    const outcomes = await Promise.all(
      orders.map((orderId) =>
        inventory.reservations.reserve(orderId, [{ sku, quantity: 1 }]).then(
          () => 'reserved' as const,
          (error: unknown) => {
            assert.ok(businessFailureOf(businessErrors.outOfStock)(error), String(error));
            return 'out of stock' as const;
          },
        ),
      ),
    );

    assert.equal(outcomes.filter((o) => o === 'reserved').length, 10);
    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 0,
      reserved: 10,
      shipped: 0,
    });
    const [row] = await inventory.database.query<{ n: number }>(
      `select count(*)::int as n from reservations where sku = $1 and status = 'RESERVED'`,
      [sku],
    );
    assert.equal(row?.n, 10);
  });

  it('never deadlocks orders that list the same SKUs in opposite orders', async () => {
    const [a, b] = [await stockedProduct('PAIR-A', 50), await stockedProduct('PAIR-B', 50)];
    const orders = Array.from({ length: 16 }, (_, i) =>
      i % 2 === 0
        ? [
            { sku: a, quantity: 1 },
            { sku: b, quantity: 1 },
          ]
        : [
            { sku: b, quantity: 1 },
            { sku: a, quantity: 1 },
          ],
    );
    await Promise.all(orders.map((items) => inventory.reservations.reserve(randomUUID(), items)));
    assert.equal((await stockOf(inventory.database, a)).reserved, 16);
    assert.equal((await stockOf(inventory.database, b)).reserved, 16);
  });

  it('alerts once when reservations take on_hand below the low-stock threshold', async () => {
    const sku = await stockedProduct('ALERT', 6, { lowStockThreshold: 5 });
    await inventory.reservations.reserve(randomUUID(), [{ sku, quantity: 1 }]);
    assert.equal(await outboxCount(inventory.database, sku, 'stock.low'), 0, 'at threshold');
    await inventory.reservations.reserve(randomUUID(), [{ sku, quantity: 2 }]);
    await inventory.reservations.reserve(randomUUID(), [{ sku, quantity: 1 }]);
    const alerts = await outboxPayloads(inventory.database, sku, 'stock.low');
    assert.deepEqual(
      alerts.map((a) => a.data),
      [{ sku, onHand: 3, threshold: 5 }],
    );
  });

  it('fails malformed requests at once instead of retrying them forever', async () => {
    await assert.rejects(
      inventory.reservations.reserve(randomUUID(), []),
      businessFailureOf('InvalidReservationRequest'),
    );
  });
});
