import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allParcelsDelivered,
  fulfilmentMoves,
  laterParcelStatus,
  shipmentOutOfStep,
} from './fulfilment';

describe('allParcelsDelivered', () => {
  it('holds only when there are parcels and every one has arrived', () => {
    assert.equal(allParcelsDelivered(['DELIVERED', 'DELIVERED']), true);
    assert.equal(allParcelsDelivered(['DELIVERED', 'DISPATCHED']), false);
    assert.equal(allParcelsDelivered(['DELIVERED', 'CREATED']), false);
    assert.equal(allParcelsDelivered([]), false);
  });
});

describe('laterParcelStatus', () => {
  it('never moves a parcel backwards', () => {
    assert.equal(laterParcelStatus('DELIVERED', 'DISPATCHED'), 'DELIVERED');
    assert.equal(laterParcelStatus('DISPATCHED', 'DELIVERED'), 'DELIVERED');
    assert.equal(laterParcelStatus('CREATED', 'DISPATCHED'), 'DISPATCHED');
    assert.equal(laterParcelStatus('DISPATCHED', 'CREATED'), 'DISPATCHED');
  });
});

describe('fulfilmentMoves', () => {
  it('ships a confirmed order when its first parcel leaves', () => {
    assert.deepEqual(fulfilmentMoves('CONFIRMED', ['DISPATCHED', 'CREATED']), ['SHIPPED']);
    assert.deepEqual(fulfilmentMoves('CONFIRMED', ['CREATED', 'CREATED']), []);
  });

  it('delivers a shipped order once its last parcel arrives, not before', () => {
    assert.deepEqual(fulfilmentMoves('SHIPPED', ['DELIVERED', 'DISPATCHED']), []);
    assert.deepEqual(fulfilmentMoves('SHIPPED', ['DELIVERED', 'DELIVERED']), ['DELIVERED']);
  });

  it('makes both moves at once when the news comes late', () => {
    assert.deepEqual(fulfilmentMoves('CONFIRMED', ['DELIVERED']), ['SHIPPED', 'DELIVERED']);
  });

  it('moves nothing twice, and never an order that is not waiting for its parcels', () => {
    assert.deepEqual(fulfilmentMoves('SHIPPED', ['DISPATCHED']), []);
    assert.deepEqual(fulfilmentMoves('DELIVERED', ['DELIVERED']), []);
    for (const status of ['PENDING', 'CANCELLED', 'REJECTED'] as const) {
      assert.deepEqual(fulfilmentMoves(status, ['DELIVERED', 'DISPATCHED']), []);
      assert.equal(shipmentOutOfStep(status, ['DISPATCHED']), true);
    }
    assert.equal(shipmentOutOfStep('CANCELLED', ['CREATED']), false);
    assert.equal(shipmentOutOfStep('SHIPPED', ['DELIVERED']), false);
  });
});
