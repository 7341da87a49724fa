import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

// kafkajs's request queue, loaded the way kafkajs loads it.
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
};

/**
 * kafkajs 2.2.4, no longer maintained, re-arms a 1 ms timer forever once a connection has
 * answered a request, even with nothing pending: about 40 ms of CPU a second per idle client.
 * patches/kafkajs+2.2.4.patch (applied by `patch-package` after every install) stops that.
 */
describe('the kafkajs request queue (patched)', () => {
  it('arms no timer when nothing is pending and nothing is throttled', () => {
    const queue = new RequestQueue({
      instrumentationEmitter: { emit: () => undefined },
      maxInFlightRequests: null,
      requestTimeout: 30_000,
      enforceRequestTimeout: true,
      clientId: 'spec',
      broker: 'localhost:9092',
      logger: { debug: () => undefined, namespace: () => ({ debug: () => undefined }) },
      isConnected: () => true,
    });
    queue.scheduleCheckPendingRequests();
    const armed = queue.throttleCheckTimeoutId;
    if (armed) clearTimeout(armed);
    assert.equal(armed, null);
  });
});
