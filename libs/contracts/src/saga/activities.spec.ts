import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  InventoryActivities,
  OrderActivities,
  PaymentActivities,
  ShippingActivities,
} from './activities';

// Temporal records each activity under its method name in every workflow history, and sagas in
// flight replay against those names. Each record must list exactly its interface's methods, so
// an activity renamed, added or removed fails to compile here before it strands a saga.
const activities = {
  inventory: { reserveStock: true, releaseStock: true } satisfies Record<
    keyof InventoryActivities,
    true
  >,
  payment: {
    authorizePayment: true,
    capturePayment: true,
    voidPayment: true,
    refundPayment: true,
  } satisfies Record<keyof PaymentActivities, true>,
  shipping: { createShipment: true, cancelShipment: true } satisfies Record<
    keyof ShippingActivities,
    true
  >,
  order: {
    confirmOrder: true,
    rejectOrder: true,
    cancelOrder: true,
    failOrder: true,
    reportCompensationStuck: true,
    reportCompensationResolved: true,
  } satisfies Record<keyof OrderActivities, true>,
};

describe('saga activities', () => {
  it('names each service’s activities as the workflow histories record them', () => {
    const names = Object.fromEntries(
      Object.entries(activities).map(([service, methods]) => [service, Object.keys(methods)]),
    );
    assert.deepEqual(names, {
      inventory: ['reserveStock', 'releaseStock'],
      payment: ['authorizePayment', 'capturePayment', 'voidPayment', 'refundPayment'],
      shipping: ['createShipment', 'cancelShipment'],
      order: [
        'confirmOrder',
        'rejectOrder',
        'cancelOrder',
        'failOrder',
        'reportCompensationStuck',
        'reportCompensationResolved',
      ],
    });
  });

  it('gives no two services an activity of the same name', () => {
    const names = Object.values(activities).flatMap((methods) => Object.keys(methods));
    assert.equal(new Set(names).size, names.length);
  });
});
