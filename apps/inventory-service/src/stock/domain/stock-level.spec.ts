import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjustedOnHand, fellBelowThreshold } from './stock-level';

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
    assert.equal(adjustedOnHand(3, 7), 10);
    assert.equal(adjustedOnHand(10, -4), 6);
  });

  it('may take on_hand to exactly zero', () => {
    assert.equal(adjustedOnHand(4, -4), 0);
  });

  it('refuses to take on_hand below zero', () => {
    assert.equal(adjustedOnHand(4, -5), undefined);
  });
});
