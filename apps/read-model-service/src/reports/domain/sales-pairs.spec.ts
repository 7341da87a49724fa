import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSoldOrder, reducerOf, sumByKey, type SoldOrder } from './sales-pairs';

const order: SoldOrder = {
  day: '2026-03-01',
  items: [
    { sku: 'APPLE-1', quantity: 3, unitPriceCents: 250 },
    { sku: 'PEAR-2', quantity: 1, unitPriceCents: 400 },
  ],
  parcels: [
    { warehouse: 'north', items: [{ sku: 'APPLE-1', quantity: 3 }], status: 'DELIVERED' },
    { warehouse: 'south', items: [{ sku: 'PEAR-2', quantity: 1 }], status: 'DISPATCHED' },
  ],
};

describe('the sales report map', () => {
  it('emits a pair per order line and per parcel line, priced at the order price', () => {
    assert.deepEqual(mapSoldOrder(order), [
      { kind: 'product', day: '2026-03-01', key: 'APPLE-1', units: 3, revenueCents: 750 },
      { kind: 'product', day: '2026-03-01', key: 'PEAR-2', units: 1, revenueCents: 400 },
      { kind: 'warehouse', day: '2026-03-01', key: 'north', units: 3, revenueCents: 750 },
      { kind: 'warehouse', day: '2026-03-01', key: 'south', units: 1, revenueCents: 400 },
    ]);
  });

  it('counts nothing for a cancelled parcel', () => {
    const cancelled = {
      ...order,
      parcels: order.parcels.map((parcel) => ({ ...parcel, status: 'CANCELLED' })),
    };
    assert.equal(mapSoldOrder(cancelled).filter((pair) => pair.kind === 'warehouse').length, 0);
  });
});

describe('combining and reducing', () => {
  it('sums pairs of one key, and keeps keys of another day or kind apart', () => {
    const other = { ...order, day: '2026-03-02' };
    const sums = sumByKey([...mapSoldOrder(order), ...mapSoldOrder(order), ...mapSoldOrder(other)]);
    const apple = sums.filter((pair) => pair.key === 'APPLE-1');
    assert.deepEqual(apple, [
      { kind: 'product', day: '2026-03-01', key: 'APPLE-1', units: 6, revenueCents: 1500 },
      { kind: 'product', day: '2026-03-02', key: 'APPLE-1', units: 3, revenueCents: 750 },
    ]);
    assert.equal(sums.length, 8);
  });

  it('sends one key to one reducer, and spreads keys over all reducers', () => {
    const key = { kind: 'product' as const, day: '2026-03-01', key: 'APPLE-1' };
    assert.equal(reducerOf(key, 8), reducerOf({ ...key }, 8));
    const used = new Set(
      Array.from({ length: 200 }, (_, n) => reducerOf({ ...key, key: `SKU-${n}` }, 8)),
    );
    assert.equal(used.size, 8);
  });
});
