import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceOfSpec } from './test-runner';

describe('the test runner', () => {
  it('finds the source each compiled spec came from', () => {
    assert.equal(
      sourceOfSpec('/repo/apps/order-service/dist/orders/saga/x.integration.spec.js'),
      '/repo/apps/order-service/src/orders/saga/x.integration.spec.ts',
    );
  });
});
