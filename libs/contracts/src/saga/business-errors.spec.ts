import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessErrors, businessErrorTypes, compensationRefusals } from './business-errors';
import { sagaSteps } from './place-order';

describe('business errors', () => {
  it('names each answer an activity can give under the type the saga matches', () => {
    // Activities raise these types and the saga, in another process, compares them by name.
    assert.deepEqual(businessErrors, {
      outOfStock: 'OutOfStock',
      unknownProduct: 'UnknownProduct',
      insufficientFunds: 'InsufficientFunds',
      unknownPaymentAccount: 'UnknownPaymentAccount',
      unshippable: 'Unshippable',
    });
  });

  it('lists every business error type, so forward steps never retry one', () => {
    assert.deepEqual(businessErrorTypes, [
      'OutOfStock',
      'UnknownProduct',
      'InsufficientFunds',
      'UnknownPaymentAccount',
      'Unshippable',
    ]);
  });

  it('names the one compensation refusal, which is no business error', () => {
    assert.deepEqual(compensationRefusals, { shipmentDispatched: 'ShipmentDispatched' });
    // As a business error it would reject the order instead of letting it ship.
    assert.ok(!businessErrorTypes.includes(compensationRefusals.shipmentDispatched));
  });

  it('shares no name with a saga step, as both label the same failure metric', () => {
    for (const step of sagaSteps) assert.ok(!businessErrorTypes.includes(step), step);
  });
});
