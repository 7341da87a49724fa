import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasPrebuildWork,
  prebuildArguments,
  prebuildWorkOf,
  prebuildWorkOfArguments,
} from './prebuild';

describe('prebuild', () => {
  it('builds kube-apiserver only when the API server spec is among the files', () => {
    const chart = '/r/infra/stack/dist/kubernetes/api-server.standalone.integration.spec.js';
    const other = '/r/apps/order-service/dist/orders/orders.integration.spec.js';
    assert.equal(prebuildWorkOf([other, chart], []).apiServer, true);
    assert.equal(prebuildWorkOf([other], []).apiServer, false);
    assert.equal(hasPrebuildWork(prebuildWorkOf([other], [])), false);
    assert.equal(hasPrebuildWork(prebuildWorkOf([other], ['scaled'])), true);
  });

  it('passes its work to the background process and reads it back unchanged', () => {
    for (const work of [
      { apiServer: true, composeProfiles: ['single', 'scaled'] as const },
      { apiServer: false, composeProfiles: ['scaled'] as const },
      { apiServer: true, composeProfiles: [] },
    ]) {
      const copy = { ...work, composeProfiles: [...work.composeProfiles] };
      assert.deepEqual(prebuildWorkOfArguments(prebuildArguments(copy)), copy);
    }
    assert.deepEqual(prebuildArguments({ apiServer: true, composeProfiles: ['single'] }), [
      '--api-server',
      '--compose',
      'single',
    ]);
  });

  it('refuses a compose profile that does not exist', () => {
    assert.throws(() => prebuildWorkOfArguments(['--compose', 'single,huge']), /huge/);
  });
});
