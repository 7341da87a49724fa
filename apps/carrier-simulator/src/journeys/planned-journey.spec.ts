import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { plannedJourney } from './planned-journey';

describe("a parcel's planned journey", () => {
  it('is numbered from 1 without gaps, ends delivered, and keeps time order', () => {
    for (let i = 0; i < 200; i++) {
      const journey = plannedJourney(randomUUID(), 2_000, 0.5);
      assert.deepEqual(
        journey.map((u) => u.sequence),
        journey.map((_, index) => index + 1),
      );
      assert.equal(journey.at(-1)?.status, 'DELIVERED');
      assert.equal(journey[0]?.status, 'PICKED_UP');
      for (let j = 1; j < journey.length; j++)
        assert.ok((journey[j]?.afterMs ?? 0) > (journey[j - 1]?.afterMs ?? 0));
    }
  });

  it('is the same every time for the same parcel, so a parcel handed over again is reported alike', () => {
    const parcelId = randomUUID();
    assert.deepEqual(plannedJourney(parcelId, 2_000, 0.2), plannedJourney(parcelId, 2_000, 0.2));
  });

  it('fails a first delivery attempt for about the share of parcels asked, then delivers', () => {
    const journeys = Array.from({ length: 2_000 }, () => plannedJourney(randomUUID(), 2_000, 0.2));
    const failed = journeys.filter((j) => j.some((u) => u.status === 'FAILED_DELIVERY'));
    assert.ok(failed.length > 300 && failed.length < 500, `${failed.length} of 2000 failed first`);
    for (const journey of failed)
      assert.deepEqual(
        journey.map((u) => u.status),
        ['PICKED_UP', 'IN_TRANSIT', 'FAILED_DELIVERY', 'IN_TRANSIT', 'DELIVERED'],
      );
    assert.equal(
      journeys.filter((j) => j.some((u) => u.status === 'FAILED_DELIVERY')).length,
      failed.length,
    );
    assert.ok(plannedJourney(randomUUID(), 2_000, 0).every((u) => u.status !== 'FAILED_DELIVERY'));
  });
});
