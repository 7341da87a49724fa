import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, UnprocessableError } from '@orchard/platform/http';
import {
  outboxCount,
  outboxPayloads,
  startInventory,
  stockOf,
  uniqueSku,
  type InventoryFixture,
} from '../testing/integration-fixture';

const tea = { name: 'Sencha', priceCents: 450, warehouse: 'north', lowStockThreshold: 5 };

describe('catalog on PostgreSQL', () => {
  let inventory: InventoryFixture;

  before(async () => {
    inventory = await startInventory('catalog');
  });

  after(async () => {
    await inventory.close();
  });

  it('creates a product with an empty stock row and announces it', async () => {
    const sku = uniqueSku('NEW');
    const view = await inventory.catalog.upsertProduct(sku, tea);
    assert.deepEqual(view, {
      sku,
      name: 'Sencha',
      priceCents: 450,
      warehouse: 'north',
      available: 0,
    });
    assert.deepEqual(await stockOf(inventory.database, sku), {
      onHand: 0,
      reserved: 0,
      shipped: 0,
    });
    assert.equal(await outboxCount(inventory.database, sku, 'product.upserted'), 1);
    assert.deepEqual(await inventory.catalog.getProduct(sku), view);
    const listed = await inventory.catalog.listProducts();
    assert.deepEqual(
      listed.find((p) => p.sku === sku),
      view,
    );
  });

  it('updates name and price without touching the stock', async () => {
    const sku = uniqueSku('UPD');
    await inventory.catalog.upsertProduct(sku, tea);
    await inventory.catalog.adjustStock(sku, { delta: 7, reason: 'delivery' });
    const view = await inventory.catalog.upsertProduct(sku, {
      ...tea,
      name: 'Gyokuro',
      priceCents: 900,
    });
    assert.equal(view.name, 'Gyokuro');
    assert.equal(view.priceCents, 900);
    assert.equal(view.available, 7);
    assert.equal(await outboxCount(inventory.database, sku, 'product.upserted'), 2);
  });

  it('answers NotFoundError for an unknown SKU', async () => {
    const sku = uniqueSku('NONE');
    await assert.rejects(inventory.catalog.getProduct(sku), NotFoundError);
    await assert.rejects(
      inventory.catalog.adjustStock(sku, { delta: 1, reason: 'delivery' }),
      NotFoundError,
    );
  });

  it('adjusts on_hand, records why, and announces the adjustment', async () => {
    const sku = uniqueSku('ADJ');
    await inventory.catalog.upsertProduct(sku, tea);
    await inventory.catalog.adjustStock(sku, { delta: 12, reason: 'delivery' });
    const view = await inventory.catalog.adjustStock(sku, { delta: -2, reason: 'broken' });
    assert.equal(view.available, 10);
    const adjustments = await inventory.database.query<{ delta: number; reason: string }>(
      'select delta, reason from stock_adjustments where sku = $1 order by at',
      [sku],
    );
    assert.deepEqual(adjustments, [
      { delta: 12, reason: 'delivery' },
      { delta: -2, reason: 'broken' },
    ]);
    const events = await outboxPayloads(inventory.database, sku, 'stock.adjusted');
    assert.deepEqual(
      events.map((e) => e.data),
      [
        { sku, delta: 12, reason: 'delivery', onHand: 12 },
        { sku, delta: -2, reason: 'broken', onHand: 10 },
      ],
    );
  });

  it('refuses to take on_hand below zero, changing nothing', async () => {
    const sku = uniqueSku('NEG');
    await inventory.catalog.upsertProduct(sku, tea);
    await inventory.catalog.adjustStock(sku, { delta: 3, reason: 'delivery' });
    await assert.rejects(
      inventory.catalog.adjustStock(sku, { delta: -4, reason: 'count' }),
      (error: unknown) =>
        error instanceof UnprocessableError &&
        error.status === 422 &&
        error.problemType === 'insufficient-stock',
    );
    assert.equal((await stockOf(inventory.database, sku)).onHand, 3);
    assert.equal(await outboxCount(inventory.database, sku, 'stock.adjusted'), 1);
  });

  it('alerts once when an adjustment takes on_hand below the threshold', async () => {
    const sku = uniqueSku('LOW');
    await inventory.catalog.upsertProduct(sku, tea);
    await inventory.catalog.adjustStock(sku, { delta: 6, reason: 'delivery' });
    await inventory.catalog.adjustStock(sku, { delta: -1, reason: 'sample' });
    assert.equal(await outboxCount(inventory.database, sku, 'stock.low'), 0, 'at threshold');
    await inventory.catalog.adjustStock(sku, { delta: -2, reason: 'broken' });
    await inventory.catalog.adjustStock(sku, { delta: -1, reason: 'broken' });
    const alerts = await outboxPayloads(inventory.database, sku, 'stock.low');
    assert.deepEqual(
      alerts.map((a) => a.data),
      [{ sku, onHand: 3, threshold: 5 }],
    );
  });
});
