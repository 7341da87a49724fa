import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { adminAccount, gatewayUrl, repoRoot } from '@orchard/stack';
import { order } from './shop-client';

/** The smoke test the Helm chart's `helm test` runs, here against the running stack. */
describe("a deployment's smoke test", () => {
  it('places an order through the public API and reads it back confirmed', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'apps/gateway/dist/smoke/place-and-read-order.js')],
      {
        env: {
          ...process.env,
          GATEWAY_URL: gatewayUrl,
          ADMIN_EMAIL: adminAccount().email,
          ADMIN_PASSWORD: adminAccount().password,
        },
        timeout: 150_000,
      },
    );
    const [, orderId, status] = /^order (\S+): (\w+)$/m.exec(stdout) ?? [];
    assert.ok(orderId, stdout);
    assert.match(status ?? '', /^(CONFIRMED|SHIPPED|DELIVERED)$/);
    // The order exists as the shop shows it, not only as the script says.
    assert.equal((await order(orderId)).id, orderId);
  });

  it('fails, saying why, when the shop cannot be reached', async () => {
    const failed = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'apps/gateway/dist/smoke/place-and-read-order.js')],
      {
        env: {
          ...process.env,
          GATEWAY_URL: 'http://127.0.0.1:9',
          ADMIN_EMAIL: 'admin@orchard.local',
          ADMIN_PASSWORD: 'x',
        },
      },
    ).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    assert.equal(failed?.code, 1);
    assert.match(failed?.stderr ?? '', /^smoke test failed: /);
  });
});
