import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planParcelCommit, reservationStatusOf, type ReservationLineState } from './parcel-commit';

const lines: ReservationLineState[] = [
  { sku: 'MUG-1', quantity: 1, status: 'RESERVED' },
  { sku: 'TEA-1', quantity: 2, status: 'RESERVED' },
  { sku: 'POT-1', quantity: 1, status: 'COMMITTED' },
];

describe('reservationStatusOf', () => {
  it('is COMMITTED once any line has shipped, since none can be released then', () => {
    assert.equal(reservationStatusOf(['RESERVED', 'COMMITTED']), 'COMMITTED');
    assert.equal(reservationStatusOf(['COMMITTED', 'COMMITTED']), 'COMMITTED');
  });

  it('is RELEASED only when every line went back on hand', () => {
    assert.equal(reservationStatusOf(['RELEASED', 'RELEASED']), 'RELEASED');
    assert.equal(reservationStatusOf(['RELEASED', 'RESERVED']), 'RESERVED');
    assert.equal(reservationStatusOf(['RESERVED']), 'RESERVED');
  });
});

describe('planParcelCommit', () => {
  it("commits the parcel's reserved lines only", () => {
    assert.deepEqual(planParcelCommit(lines, [{ sku: 'TEA-1', quantity: 2 }]), {
      outcome: 'commit',
      skus: ['TEA-1'],
    });
  });

  it('skips lines already committed, so a repeated parcel commits nothing', () => {
    assert.deepEqual(planParcelCommit(lines, [{ sku: 'POT-1', quantity: 1 }]), {
      outcome: 'commit',
      skus: [],
    });
  });

  it('refuses a parcel that contradicts the reservation', () => {
    for (const items of [
      [{ sku: 'GHOST-1', quantity: 1 }],
      [{ sku: 'TEA-1', quantity: 3 }],
      [
        { sku: 'MUG-1', quantity: 1 },
        { sku: 'TEA-1', quantity: 1 },
      ],
    ]) {
      assert.equal(planParcelCommit(lines, items).outcome, 'refused', JSON.stringify(items));
    }
    const released = lines.map((l) => ({ ...l, status: 'RELEASED' as const }));
    const plan = planParcelCommit(released, [{ sku: 'MUG-1', quantity: 1 }]);
    assert.equal(plan.outcome, 'refused');
    assert.match(plan.outcome === 'refused' ? plan.problem : '', /released/);
  });
});
