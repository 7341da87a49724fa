import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits } from '@orchard/contracts';
import { adjustedOnHand, fellBelowThreshold, type AdjustedOnHand } from './stock-level';

const refusalOf = (result: AdjustedOnHand) => ('refusal' in result ? result.refusal : undefined);

const change = (before: number, after: number, threshold = 5) => ({
  sku: 'TEA-1',
  before,
  after,
  threshold,
});

describe('fellBelowThreshold', () => {
  it('alerts when on_hand drops from at the threshold to below it', () => {
    assert.equal(fellBelowThreshold(change(5, 4)), true);
  });

  it('alerts when one change jumps from well above to well below', () => {
    assert.equal(fellBelowThreshold(change(50, 0)), true);
  });

  it('stays quiet while on_hand remains at or above the threshold', () => {
    assert.equal(fellBelowThreshold(change(9, 5)), false);
  });

  it('stays quiet for further drops once below: one alert per shortage', () => {
    assert.equal(fellBelowThreshold(change(4, 2)), false);
  });

  it('stays quiet when stock rises', () => {
    assert.equal(fellBelowThreshold(change(2, 8)), false);
  });

  it('never alerts with a zero threshold, as on_hand cannot go below zero', () => {
    assert.equal(fellBelowThreshold(change(1, 0, 0)), false);
  });
});

describe('adjustedOnHand', () => {
  it('adds deliveries and removes losses', () => {
    assert.deepEqual(adjustedOnHand(3, 7), { onHand: 10 });
    assert.deepEqual(adjustedOnHand(10, -4), { onHand: 6 });
  });

  it('may take on_hand to exactly zero', () => {
    assert.deepEqual(adjustedOnHand(4, -4), { onHand: 0 });
  });

  it('refuses to take on_hand below zero', () => {
    assert.equal(refusalOf(adjustedOnHand(4, -5)), 'insufficient-stock');
  });

  it('refuses to take on_hand past the limit every sum is safe within', () => {
    assert.deepEqual(adjustedOnHand(limits.maxStockUnits - 1, 1), { onHand: limits.maxStockUnits });
    assert.equal(refusalOf(adjustedOnHand(limits.maxStockUnits, 1)), 'stock-limit');
  });
});
