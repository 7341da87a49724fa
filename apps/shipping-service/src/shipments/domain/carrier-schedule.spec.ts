import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carrierPollIntervalMs } from './carrier-schedule';

describe('carrierPollIntervalMs', () => {
  it('looks four times per delivery delay', () => {
    assert.equal(carrierPollIntervalMs(2_000), 500);
    assert.equal(carrierPollIntervalMs(1_000), 250);
  });

  it('never polls more than 20 times a second, even for instant delivery', () => {
    assert.equal(carrierPollIntervalMs(0), 50);
    assert.equal(carrierPollIntervalMs(100), 50);
  });

  it('still looks every second for long delays', () => {
    assert.equal(carrierPollIntervalMs(60_000), 1_000);
  });
});
