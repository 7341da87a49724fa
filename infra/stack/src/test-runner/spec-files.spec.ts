import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  composeProfilesOfSpec,
  everySpecFile,
  kindOfSpec,
  needsDockerEngineOnly,
  profileOfSpec,
  runsBesideTheStack,
  sourceOfSpec,
} from './spec-files';

describe('the spec files', () => {
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
    assert.equal(
      profileOfSpec('/repo/tests/e2e/dist/compose/crash.compose.e2e.spec.js'),
      undefined,
    );
    assert.equal(
      profileOfSpec('/repo/infra/stack/dist/docker/engine.docker.integration.spec.js'),
      undefined,
    );
    assert.equal(
      needsDockerEngineOnly('/repo/infra/stack/dist/docker/engine.docker.integration.spec.js'),
      true,
    );
    assert.equal(
      needsDockerEngineOnly('/repo/infra/stack/dist/integration/kafka.integration.spec.js'),
      false,
    );
  });

  it('runs the standalone integration specs beside the stack, every other one on it', () => {
    const chart = '/repo/infra/stack/dist/kubernetes/helm-chart.standalone.integration.spec.js';
    assert.equal(runsBesideTheStack(chart), true);
    assert.equal(kindOfSpec(chart), 'integration');
    assert.equal(
      runsBesideTheStack('/repo/infra/stack/dist/integration/kafka.integration.spec.js'),
      false,
    );
    assert.equal(runsBesideTheStack('/repo/tests/e2e/dist/standalone.e2e.spec.js'), false);
  });

  it('runs the compose specs and the named subset on the compose stacks, nothing else', () => {
    assert.deepEqual(
      composeProfilesOfSpec('/repo/tests/e2e/dist/compose/crash.compose.e2e.spec.js'),
      ['single'],
    );
    assert.deepEqual(
      composeProfilesOfSpec('/repo/tests/e2e/dist/compose/gateways.compose-scaled.e2e.spec.js'),
      ['scaled'],
    );
    assert.deepEqual(composeProfilesOfSpec('/repo/tests/e2e/dist/place-order.e2e.spec.js'), [
      'single',
    ]);
    assert.deepEqual(composeProfilesOfSpec('/repo/tests/e2e/dist/crash-recovery.e2e.spec.js'), []);
    assert.deepEqual(composeProfilesOfSpec('/repo/tests/e2e/dist/place-order.spec.js'), []);
  });

  it('tells unit, integration and end-to-end specs apart by name', () => {
    assert.equal(kindOfSpec('/repo/libs/platform/dist/kafka/retry.spec.js'), 'unit');
    assert.equal(
      kindOfSpec('/repo/infra/stack/dist/integration/kafka.integration.spec.js'),
      'integration',
    );
    assert.equal(kindOfSpec('/repo/tests/e2e/dist/failure.scaled.e2e.spec.js'), 'e2e');
    assert.equal(kindOfSpec('/repo/tests/e2e/dist/e2e-helpers.spec.js'), 'unit');
  });

  it("runs the pages' specs from source, as unit specs, and the others compiled", () => {
    const files = everySpecFile();
    const pages = files.filter((file) => file.includes('/apps/web/src/'));
    assert.ok(
      pages.some((file) => file.endsWith('/apps/web/src/trace/waterfall.spec.ts')),
      pages.join(', '),
    );
    assert.ok(pages.every((file) => kindOfSpec(file) === 'unit'));
    const others = files.filter((file) => !pages.includes(file));
    assert.ok(others.length > 0 && others.every((file) => /\/dist\/.*\.spec\.js$/.test(file)));
  });
});
