import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderStatuses, type OrderStatus } from '@orchard/contracts';
import {
  assertTransition,
  canTransition,
  IllegalTransitionError,
  isCancellable,
} from './order-state-machine';

const legal: [OrderStatus, OrderStatus][] = [
  ['PENDING', 'CONFIRMED'],
  ['PENDING', 'REJECTED'],
  ['PENDING', 'CANCELLED'],
  ['PENDING', 'FAILED'],
  ['CONFIRMED', 'SHIPPED'],
  ['CONFIRMED', 'CANCELLED'],
  ['SHIPPED', 'DELIVERED'],
];

describe('order state machine', () => {
  for (const from of orderStatuses) {
    for (const to of orderStatuses) {
      const allowed = legal.some(([f, t]) => f === from && t === to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        assert.equal(canTransition(from, to), allowed);
        if (allowed) assert.doesNotThrow(() => assertTransition(from, to));
        else assert.throws(() => assertTransition(from, to), IllegalTransitionError);
      });
    }
  }

  it('lets a customer cancel until the order ships, not after', () => {
    assert.deepEqual(orderStatuses.filter(isCancellable), ['PENDING', 'CONFIRMED']);
  });
});
