import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type Redis from 'ioredis';
import {
  defaultLeaseMs,
  IdempotencyStore,
  type Lease,
  type StoredResponse,
} from './idempotency.store';
import { idempotent } from './idempotent';
import { recordingReply } from './recording-reply';

/** A store that grants every claim and counts renewals: no Redis needed. */
function countingStore(leaseMs: number) {
  const renewals: number[] = [];
  const store = {
    leaseMs,
    claim: async (scope: string, key: string, fingerprint: string) => ({
      kind: 'claimed' as const,
      lease: { scope, key, fingerprint, token: 't' } satisfies Lease,
    }),
    renew: async () => {
      renewals.push(Date.now());
      return true;
    },
    complete: async () => undefined,
    release: async () => undefined,
  };
  return { store: store as unknown as IdempotencyStore, renewals };
}

describe('the idempotency lease', () => {
  it('lapses within seconds by default: a dead gateway holds no key for long', () => {
    const store = new IdempotencyStore({} as Redis);
    assert.equal(store.leaseMs, defaultLeaseMs);
    assert.ok(
      defaultLeaseMs >= 3_000 && defaultLeaseMs <= 15_000,
      `a retry after a gateway died waits out ${defaultLeaseMs} ms`,
    );
  });

  it('is renewed every third of its length while the command runs, and no longer after', async () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'] });
    try {
      const { store, renewals } = countingStore(defaultLeaseMs);
      let finish: (response: StoredResponse) => void = () => undefined;
      const running = idempotent(
        store,
        { key: 'k', scope: 's', method: 'POST', path: '/orders', body: {} },
        recordingReply().reply,
        () => new Promise<StoredResponse>((resolve) => (finish = resolve)),
      );
      await new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(defaultLeaseMs);
      assert.equal(renewals.length, 3, 'three renewals per lease');
      finish({ status: 202, body: 'done' });
      await running;
      mock.timers.tick(defaultLeaseMs);
      assert.equal(renewals.length, 3, 'none once the command has answered');
    } finally {
      mock.timers.reset();
    }
  });
});
