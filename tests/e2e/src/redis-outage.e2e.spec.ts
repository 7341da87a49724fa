import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { appPorts, managementPortOf, Stack, system, waitFor } from '@orchard/stack';
import { assertProblem } from './problem-assertions';
import { jsonRequest, rawRequest } from './raw-http';
import { validOrder } from './order-body';
import { adminCookie, signUpCustomer } from './sessions';

const redis = () => new Stack(system()).select(['redis']);

const readiness = () =>
  rawRequest({ port: managementPortOf(appPorts.gateway), path: '/health/ready', anonymous: true });

describe('the gateway while Redis is down', () => {
  // Whatever happens in the test, Redis is running again afterwards (up is idempotent).
  after(async () => {
    await redis().up();
  });

  it('refuses what needs Redis fast with 503, reports it, and recovers by itself', async () => {
    // Logged in while Redis is up; the session outlives the outage (Redis keeps an AOF).
    const cookie = await adminCookie();
    // A session made just now, in one transaction: Redis must replay it from its AOF.
    const customer = await signUpCustomer();
    // What becomes of the order does not matter here, only that the gateway accepts it once.
    const order = validOrder();
    const key = randomUUID();
    const placeOrder = () =>
      jsonRequest('POST', '/orders', order, { headers: { 'idempotency-key': key, cookie } });

    // Stopped by its pid, through the stack; the gateway notices when the connection drops.
    await new Stack(system()).down(['redis']);
    await waitFor(async () => (await readiness()).status === 503, {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'the gateway to notice that Redis is gone',
    });

    const startedAt = performance.now();
    const refused = await placeOrder();
    const elapsedMs = performance.now() - startedAt;
    assert.ok(elapsedMs < 1_000, `answered in ${Math.round(elapsedMs)} ms`);
    const problem = assertProblem(refused, 503);
    // The session is checked first, and it lives in Redis too.
    assert.equal(problem['type'], '/problems/sessions-unavailable');
    assert.ok(Number(refused.headers['retry-after']) >= 1, 'Retry-After');

    const ready = await readiness();
    const report = assertProblem(ready, 503);
    const details = report['details'] as Record<string, { status: string }>;
    assert.equal(details['redis']?.status, 'down');
    assert.equal(details['identity-database']?.status, 'up');

    // Rate limits fail open: what needs no Redis is still served.
    assert.equal((await rawRequest({ path: '/products', anonymous: true })).status, 200);

    await redis().up();
    let accepted = refused;
    await waitFor(async () => (accepted = await placeOrder()).status === 202, {
      timeoutMs: 30_000,
      intervalMs: 200,
      what: 'the same order to be accepted once Redis is back',
    });
    const { orderId } = JSON.parse(accepted.text) as { orderId: string };
    const replayed = await placeOrder();
    assert.equal(replayed.status, 202);
    assert.equal(replayed.headers['idempotent-replayed'], 'true');
    assert.equal((JSON.parse(replayed.text) as { orderId: string }).orderId, orderId);
    assert.equal((await readiness()).status, 200);
    const me = await rawRequest({ path: '/auth/me', headers: { cookie: customer.cookie } });
    assert.equal(me.status, 200, 'a session outlives a restart of Redis');
  });
});
