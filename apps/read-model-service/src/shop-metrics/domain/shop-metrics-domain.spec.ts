import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrchardEvent } from '@orchard/contracts';
import { isTooLate, latenessBoundMs, paneOf, slidingWindow } from './event-time';
import { causeOf, contributionOf } from './order-contributions';
import { alertTransition } from './rejection-alert';

const at = (time: string) => new Date(`2026-05-04T${time}Z`);

describe('event time', () => {
  it('puts an event in the pane of its minute', () => {
    assert.deepEqual(paneOf(at('10:03:59.999')), at('10:03:00.000'));
    assert.deepEqual(paneOf(at('10:04:00.000')), at('10:04:00.000'));
  });

  it('spans a sliding window of panes ending with the pane of its instant', () => {
    assert.deepEqual(slidingWindow(at('10:04:30'), 5), {
      start: at('10:00:00'),
      end: at('10:05:00'),
    });
  });

  it('counts an event late only past the lateness bound of its partition', () => {
    const newest = at('10:10:00');
    assert.equal(isTooLate(new Date(newest.getTime() - latenessBoundMs), newest), false);
    assert.equal(isTooLate(new Date(newest.getTime() - latenessBoundMs - 1), newest), true);
    assert.equal(isTooLate(at('09:00:00'), null), false);
  });
});

describe('what an order event adds', () => {
  const envelope = { id: 'e', occurredAt: '2026-05-04T10:00:00Z', aggregateId: 'o', version: 1 };
  it('counts a placed order, and revenue and products once it is confirmed', () => {
    const confirmed = {
      ...envelope,
      type: 'order.confirmed',
      aggregateType: 'order',
      data: {
        orderId: 'o',
        status: 'CONFIRMED',
        previousStatus: 'PENDING',
        reason: null,
        totalCents: 1_300,
        lines: [
          { sku: 'TEA', quantity: 2, unitPriceCents: 400, warehouse: 'north' },
          { sku: 'JAM', quantity: 1, unitPriceCents: 500, warehouse: 'north' },
        ],
      },
    } as OrchardEvent;
    assert.deepEqual(contributionOf(confirmed), {
      placed: 0,
      confirmed: 1,
      rejected: 0,
      revenueCents: 1_300,
      cause: null,
      products: [
        { sku: 'TEA', units: 2, revenueCents: 800 },
        { sku: 'JAM', units: 1, revenueCents: 500 },
      ],
    });
  });

  it("names a rejection's cause by the business error in its reason", () => {
    assert.equal(causeOf('reserving stock: OutOfStock: TEA has 0 of 2'), 'OutOfStock');
    assert.equal(causeOf('authorizing payment: InsufficientFunds'), 'InsufficientFunds');
    assert.equal(causeOf('something else'), 'Other');
  });

  it('adds nothing for events that are not placements or decisions', () => {
    const shipped = {
      ...envelope,
      type: 'order.shipped',
      aggregateType: 'order',
      data: { orderId: 'o', status: 'SHIPPED', previousStatus: 'CONFIRMED', reason: null },
    } as OrchardEvent;
    assert.equal(contributionOf(shipped), null);
  });
});

describe('the rejection alert', () => {
  it('is raised once when half the decisions are rejections, and cleared when they are not', () => {
    assert.equal(alertTransition(false, { decisions: 10, rejections: 5 }), 'raise');
    assert.equal(alertTransition(true, { decisions: 12, rejections: 7 }), 'none');
    assert.equal(alertTransition(true, { decisions: 12, rejections: 5 }), 'clear');
    assert.equal(alertTransition(false, { decisions: 12, rejections: 5 }), 'none');
  });

  it('waits for enough decisions to judge', () => {
    assert.equal(alertTransition(false, { decisions: 9, rejections: 9 }), 'none');
  });
});
