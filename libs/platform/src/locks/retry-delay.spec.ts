import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from './retry-delay';

const range = { minMs: 5, maxMs: 50 };
const lowest = () => 0;
const highest = () => 1;

describe('retryDelayMs', () => {
  it('waits at least minMs, from the first retry on', () => {
    for (const attempt of [0, 1, 5, 40]) assert.equal(retryDelayMs(attempt, range, lowest), 5);
  });

  it('doubles the longest wait with each attempt until maxMs', () => {
    const longest = [0, 1, 2, 3, 4, 10].map((attempt) => retryDelayMs(attempt, range, highest));
    assert.deepEqual(longest, [10, 20, 40, 50, 50, 50]);
  });

  it('spreads waiters across the range instead of retrying in lockstep', () => {
    assert.equal(
      retryDelayMs(2, range, () => 0.5),
      22.5,
    );
  });

  it('never exceeds maxMs, however many attempts', () => {
    assert.equal(retryDelayMs(10_000, range, highest), 50);
  });
});
