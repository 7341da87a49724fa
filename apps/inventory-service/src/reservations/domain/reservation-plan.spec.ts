import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isAvailable,
  mergeRequestedLines,
  planReservation,
  requestProblem,
  totalCents,
  type StockedProduct,
} from './reservation-plan';

const product = (sku: string, onHand: number, priceCents = 250): StockedProduct => ({
  sku,
  onHand,
  priceCents,
  warehouse: 'north',
  lowStockThreshold: 5,
});

describe('requestProblem', () => {
  it('accepts lines of positive whole quantities', () => {
    assert.equal(requestProblem([{ sku: 'TEA-1', quantity: 2 }]), undefined);
  });

  it('refuses an empty request', () => {
    assert.match(requestProblem([]) ?? '', /at least one line/);
  });

  it('refuses zero, negative and fractional quantities', () => {
    for (const quantity of [0, -1, 1.5]) {
      assert.match(requestProblem([{ sku: 'TEA-1', quantity }]) ?? '', /TEA-1/);
    }
  });
});

describe('mergeRequestedLines', () => {
  it('sorts lines by SKU in code-unit order, the order stock rows are locked in', () => {
    const merged = mergeRequestedLines([
      { sku: 'MUG-1', quantity: 1 },
      { sku: 'B-2', quantity: 1 },
      { sku: 'B-10', quantity: 1 },
    ]);
    assert.deepEqual(
      merged.map((l) => l.sku),
      ['B-10', 'B-2', 'MUG-1'],
    );
  });

  it('adds up the quantities of a SKU requested twice', () => {
    assert.deepEqual(
      mergeRequestedLines([
        { sku: 'TEA-1', quantity: 2 },
        { sku: 'TEA-1', quantity: 3 },
      ]),
      [{ sku: 'TEA-1', quantity: 5 }],
    );
  });
});

describe('isAvailable', () => {
  it('allows reserving up to everything on hand, not one more', () => {
    assert.equal(isAvailable(3, 3), true);
    assert.equal(isAvailable(4, 3), false);
  });
});

describe('totalCents', () => {
  it('sums quantity times unit price over the lines', () => {
    const lines = [
      { sku: 'A-1', quantity: 2, unitPriceCents: 150, warehouse: 'north' },
      { sku: 'B-1', quantity: 3, unitPriceCents: 1000, warehouse: 'south' },
    ];
    assert.equal(totalCents(lines), 3300);
  });

  it('is zero for no lines', () => {
    assert.equal(totalCents([]), 0);
  });
});

describe('planReservation', () => {
  it('prices every line from the catalog and totals them', () => {
    const plan = planReservation(
      [
        { sku: 'A-1', quantity: 2 },
        { sku: 'B-1', quantity: 1 },
      ],
      [product('B-1', 1, 999), product('A-1', 10, 250)],
    );
    assert.equal(plan.outcome, 'reservable');
    assert.deepEqual(plan.reservation, {
      lines: [
        { sku: 'A-1', quantity: 2, unitPriceCents: 250, warehouse: 'north' },
        { sku: 'B-1', quantity: 1, unitPriceCents: 999, warehouse: 'north' },
      ],
      totalCents: 1499,
    });
  });

  it('reports how on_hand changes, for the low-stock alerts', () => {
    const plan = planReservation([{ sku: 'A-1', quantity: 4 }], [product('A-1', 7)]);
    assert.equal(plan.outcome, 'reservable');
    assert.deepEqual(plan.onHandChanges, [{ sku: 'A-1', before: 7, after: 3, threshold: 5 }]);
  });

  it('names every SKU the catalog does not know', () => {
    const plan = planReservation(
      [
        { sku: 'A-1', quantity: 1 },
        { sku: 'NOPE-1', quantity: 1 },
        { sku: 'NOPE-2', quantity: 1 },
      ],
      [product('A-1', 5)],
    );
    assert.deepEqual(plan, { outcome: 'unknown-products', skus: ['NOPE-1', 'NOPE-2'] });
  });

  it('reserves nothing when any line is short, and names the short lines', () => {
    const plan = planReservation(
      [
        { sku: 'A-1', quantity: 1 },
        { sku: 'B-1', quantity: 3 },
      ],
      [product('A-1', 5), product('B-1', 2)],
    );
    assert.deepEqual(plan, {
      outcome: 'out-of-stock',
      shortages: [{ sku: 'B-1', requested: 3, available: 2 }],
    });
  });
});
