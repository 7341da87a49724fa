import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planParcels, shippableCountries } from './parcel-plan';

const line = (sku: string, warehouse: string, quantity = 1) => ({
  sku,
  warehouse,
  quantity,
  unitPriceCents: 100,
});

describe('planParcels', () => {
  it('puts the items of each warehouse into one parcel', () => {
    const plan = planParcels([
      line('TEA-1', 'north'),
      line('MUG-1', 'south', 2),
      line('TEA-2', 'north', 3),
    ]);
    assert.deepEqual(plan, [
      {
        warehouse: 'north',
        items: [
          { sku: 'TEA-1', quantity: 1 },
          { sku: 'TEA-2', quantity: 3 },
        ],
      },
      { warehouse: 'south', items: [{ sku: 'MUG-1', quantity: 2 }] },
    ]);
  });

  it('plans the same parcels whatever the order of the lines', () => {
    const a = planParcels([line('A-1', 'south'), line('B-1', 'north')]);
    const b = planParcels([line('B-1', 'north'), line('A-1', 'south')]);
    assert.deepEqual(
      a.map((p) => p.warehouse),
      b.map((p) => p.warehouse),
    );
  });

  it('ships to European countries and the US, not to Antarctica', () => {
    assert.ok(shippableCountries.has('DE'));
    assert.ok(!shippableCountries.has('AQ'));
  });
});
