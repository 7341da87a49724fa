import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileOfSpec, sourceOfSpec } from './test-runner';

describe('the test runner', () => {
  it('finds the source each compiled spec came from', () => {
    assert.equal(
      sourceOfSpec('/repo/apps/order-service/dist/orders/saga/x.integration.spec.js'),
      '/repo/apps/order-service/src/orders/saga/x.integration.spec.ts',
    );
  });

  it('runs the scaled specs on the scaled profile, every other on the small one', () => {
    assert.equal(profileOfSpec('/repo/tests/e2e/dist/failure.scaled.e2e.spec.js'), 'scaled');
    assert.equal(profileOfSpec('/repo/tests/e2e/dist/place-order.e2e.spec.js'), 'single');
    assert.equal(profileOfSpec('/repo/infra/stack/dist/compose-scaled.spec.js'), 'single');
  });
});
