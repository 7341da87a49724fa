import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lockOrder } from './lock-order';

describe('lockOrder', () => {
  it('gives every permutation of the same resources the same order', () => {
    const resources = ['stock:b', 'stock:a', 'stock:c'];
    const expected = ['stock:a', 'stock:b', 'stock:c'];
    for (const permutation of [
      resources,
      [...resources].reverse(),
      ['stock:c', 'stock:a', 'stock:b'],
    ])
      assert.deepEqual(lockOrder(permutation), expected);
  });

  it('names each resource once, so a holder never waits for its own lock', () => {
    assert.deepEqual(lockOrder(['x', 'y', 'x']), ['x', 'y']);
  });

  it('orders by code units, whatever the locale', () => {
    assert.deepEqual(lockOrder(['b', 'B', 'a', 'A', 'é']), ['A', 'B', 'a', 'b', 'é']);
  });

  it('leaves the caller’s list as it was', () => {
    const resources = ['b', 'a'];
    lockOrder(resources);
    assert.deepEqual(resources, ['b', 'a']);
  });
});
