import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError, loadConfig } from '../config/load-config';
import { lockEnvironment, lockOptionsOf } from './lock-environment';

describe('lockEnvironment', () => {
  it('defaults to a 5 s TTL and a 3 s wait', () => {
    assert.deepEqual(lockOptionsOf(loadConfig(lockEnvironment, {})), {
      ttlMs: 5_000,
      acquireTimeoutMs: 3_000,
    });
  });

  it('reads both from the environment', () => {
    const config = loadConfig(lockEnvironment, {
      LOCK_TTL_MS: '2000',
      LOCK_ACQUIRE_TIMEOUT_MS: '500',
    });
    assert.deepEqual(lockOptionsOf(config), { ttlMs: 2_000, acquireTimeoutMs: 500 });
  });

  it('refuses a TTL too short to do anything under the lock', () => {
    assert.throws(
      () => loadConfig(lockEnvironment, { LOCK_TTL_MS: '10' }),
      (error: unknown) => error instanceof ConfigurationError && /LOCK_TTL_MS/.test(error.message),
    );
  });
});
