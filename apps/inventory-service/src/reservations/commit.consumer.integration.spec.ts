import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConflictError } from '@orchard/platform/http';
import {
  deliver,
  eventOf,
  outboxPayloads,
  startInventory,
  stockOf,
  uniqueSku,
  type InventoryFixture,
} from '../testing/integration-fixture';
import { commitOnDispatch } from './commit.consumer';

const consumer = 'inventory-service.commit';

describe('committing reservations on shipment.dispatched', () => {
  let inventory: InventoryFixture;
  let handle: ReturnType<typeof commitOnDispatch>;

  before(async () => {
    inventory = await startInventory('commit');
    handle = commitOnDispatch(inventory.reservations);
  });

  after(async () => {
    await inventory.close();
  });

  async function stocked(label: string, onHand: number, warehouse: string): Promise<string> {
    const sku = uniqueSku(label);
    await inventory.catalog.upsertProduct(sku, {
      name: `Product ${label}`,
      priceCents: 300,
      warehouse,
      lowStockThreshold: 0,
    });
    await inventory.catalog.adjustStock(sku, { delta: onHand, reason: 'delivery' });
    return sku;
  }

  const dispatched = (
    orderId: string,
    parcelId: string,
    warehouse: string,
    items: { sku: string; quantity: number }[],
  ) =>
    eventOf('shipment.dispatched', 'shipment', orderId, {
      orderId,
      shipmentId: randomUUID(),
      parcelId,
      warehouse,
      items,
    });

  async function lineStatuses(orderId: string): Promise<Record<string, string>> {
    const rows = await inventory.database.query<{ sku: string; status: string }>(
      'select sku, status from reservations where order_id = $1',
      [orderId],
    );
    return Object.fromEntries(rows.map((r) => [r.sku, r.status]));
  }

  it("ships each parcel's units as it leaves, once however often the news comes", async () => {
    const tea = await stocked('TEA', 10, 'north');
    const mug = await stocked('MUG', 5, 'south');
    const orderId = randomUUID();
    await inventory.reservations.reserve(orderId, [
      { sku: tea, quantity: 2 },
      { sku: mug, quantity: 1 },
    ]);
    const north = dispatched(orderId, randomUUID(), 'north', [{ sku: tea, quantity: 2 }]);

    const first = await deliver(inventory.database, consumer, handle, north);
    const again = await deliver(inventory.database, consumer, handle, north);

    assert.equal(first.outcome.outcome, 'handled');
    assert.equal(again.outcome.outcome, 'duplicate');
    assert.deepEqual(await stockOf(inventory.database, tea), {
      onHand: 8,
      reserved: 0,
      shipped: 2,
    });
    assert.deepEqual(await stockOf(inventory.database, mug), {
      onHand: 4,
      reserved: 1,
      shipped: 0,
    });
    assert.deepEqual(await lineStatuses(orderId), { [tea]: 'COMMITTED', [mug]: 'RESERVED' });
    assert.equal((await inventory.reservations.get(orderId)).status, 'COMMITTED');
    // Nothing of it can go back on hand once a parcel has left.
    await assert.rejects(inventory.reservations.release(orderId), ConflictError);

    const southParcel = randomUUID();
    const south = dispatched(orderId, southParcel, 'south', [{ sku: mug, quantity: 1 }]);
    await deliver(inventory.database, consumer, handle, south);
    // The same parcel published again under another event id commits nothing more.
    await inventory.database.transaction((tx) =>
      handle(dispatched(orderId, southParcel, 'south', [{ sku: mug, quantity: 1 }]), {
        tx,
        topic: 'shipment.events',
        partition: 0,
        offset: '1',
        headers: {},
      }),
    );

    assert.deepEqual(await stockOf(inventory.database, mug), {
      onHand: 4,
      reserved: 0,
      shipped: 1,
    });
    assert.deepEqual(await lineStatuses(orderId), { [tea]: 'COMMITTED', [mug]: 'COMMITTED' });
    const events = await outboxPayloads(inventory.database, orderId, 'stock.committed');
    assert.deepEqual(
      events
        .map((e) => e.data['lines'])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [[{ sku: tea, quantity: 2 }], [{ sku: mug, quantity: 1 }]].sort((a, b) =>
        JSON.stringify(a).localeCompare(JSON.stringify(b)),
      ),
      'one stock.committed per parcel',
    );
  });

  it('dead-letters a parcel that contradicts the reservation, changing nothing', async () => {
    const tea = await stocked('ODD', 10, 'north');
    const orderId = randomUUID();
    await inventory.reservations.reserve(orderId, [{ sku: tea, quantity: 2 }]);
    const released = randomUUID();
    await inventory.reservations.reserve(released, [{ sku: tea, quantity: 1 }]);
    await inventory.reservations.release(released);

    for (const event of [
      dispatched(orderId, randomUUID(), 'north', [{ sku: tea, quantity: 3 }]),
      dispatched(randomUUID(), randomUUID(), 'north', [{ sku: tea, quantity: 2 }]),
      dispatched(released, randomUUID(), 'north', [{ sku: tea, quantity: 1 }]),
    ]) {
      const { outcome, deadLetters } = await deliver(inventory.database, consumer, handle, event);
      assert.equal(outcome.outcome, 'dead-lettered', JSON.stringify(event.data));
      assert.equal(outcome.outcome === 'dead-lettered' && outcome.reason, 'poison-event');
      assert.equal(deadLetters, 1);
    }
    assert.deepEqual(await stockOf(inventory.database, tea), {
      onHand: 8,
      reserved: 2,
      shipped: 0,
    });
    assert.equal((await inventory.reservations.get(orderId)).status, 'RESERVED');
  });

  it('ignores the shipment events it does not react to', async () => {
    const tea = await stocked('IGN', 3, 'north');
    const orderId = randomUUID();
    await inventory.reservations.reserve(orderId, [{ sku: tea, quantity: 1 }]);
    const cancelled = eventOf('shipment.cancelled', 'shipment', orderId, { orderId });
    assert.equal(
      (await deliver(inventory.database, consumer, handle, cancelled)).outcome.outcome,
      'handled',
    );
    assert.deepEqual(await stockOf(inventory.database, tea), {
      onHand: 2,
      reserved: 1,
      shipped: 0,
    });
  });
});
