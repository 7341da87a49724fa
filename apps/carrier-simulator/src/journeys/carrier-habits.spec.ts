import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withCarrierHabits } from './carrier-habits';
import { plannedJourney } from './planned-journey';

const journey = plannedJourney('7d1c2bbf-3bb0-4f0b-9d5e-8d7c0a3b9c11', 2_000, 0);

/** A fixed sequence of draws in place of Math.random. */
const draws = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 1;
};

describe("a carrier's habits when it sends a journey", () => {
  it('sends each update once, in order, when it has none', () => {
    const sendings = withCarrierHabits(journey, { duplicateRate: 0, reorderRate: 0 });
    assert.deepEqual(
      sendings.map((s) => s.update.sequence),
      [1, 2, 3],
    );
    assert.deepEqual(
      sendings.map((s) => s.sendAfterMs),
      journey.map((u) => u.afterMs),
    );
  });

  it('holds an update back until after the next one, keeping when each occurred', () => {
    // The first draw holds back update 1; the rest send as planned, none twice.
    const sendings = withCarrierHabits(
      journey,
      { duplicateRate: 0.5, reorderRate: 0.5 },
      draws(0, 1, 1, 1, 1, 1),
    );
    assert.deepEqual(
      sendings.map((s) => s.update.sequence),
      [2, 1, 3],
    );
    assert.deepEqual(
      sendings.map((s) => s.update.afterMs),
      [journey[1]?.afterMs, journey[0]?.afterMs, journey[2]?.afterMs],
    );
  });

  it('sends some updates twice, each time the same update', () => {
    const sendings = withCarrierHabits(journey, { duplicateRate: 1, reorderRate: 0 });
    assert.deepEqual(
      sendings.map((s) => s.update.sequence),
      [1, 1, 2, 2, 3, 3],
    );
  });
});
