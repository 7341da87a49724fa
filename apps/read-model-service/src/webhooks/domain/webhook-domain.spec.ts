import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayRetry, retryDelayMs } from './retry-schedule';
import { isAllowedTarget } from './target-addresses';

describe('the retry schedule', () => {
  it('doubles the wait after each failure, jittered over its upper half, up to 5 minutes', () => {
    assert.equal(
      retryDelayMs(1, () => 0),
      500,
    );
    assert.equal(
      retryDelayMs(1, () => 1),
      1_000,
    );
    assert.equal(
      retryDelayMs(4, () => 1),
      8_000,
    );
    assert.equal(
      retryDelayMs(30, () => 1),
      300_000,
    );
    assert.equal(
      retryDelayMs(30, () => 0),
      150_000,
    );
  });

  it('stops retrying once the bound has passed since the delivery was first due', () => {
    const from = new Date('2026-05-04T10:00:00Z');
    assert.equal(mayRetry(from, new Date('2026-05-04T10:00:59Z'), 60_000), true);
    assert.equal(mayRetry(from, new Date('2026-05-04T10:01:00Z'), 60_000), false);
  });
});

describe('delivery targets', () => {
  it('lets deliveries reach public addresses only', () => {
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])
      assert.equal(isAllowedTarget(address, false), true, address);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '224.0.0.1',
      'not-an-address',
    ])
      assert.equal(isAllowedTarget(address, false), false, address);
  });

  it('lets them reach anything when private targets are allowed, for local development', () => {
    assert.equal(isAllowedTarget('127.0.0.1', true), true);
  });
});
