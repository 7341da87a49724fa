import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gatewayUrl, operatorRedisUrl, postgresUrl, waitFor } from '@orchard/stack';
import Redis from 'ioredis';
import { Client } from 'pg';
import { GatewayProcess } from './gateway-process';
import { assertProblem } from './problem-assertions';
import { rawRequest } from './raw-http';
import { cookieOf, customerCookie, logInAs, signUpCustomer } from './sessions';
import { call, customerWith, orderReaching, placeOrder, stockedProduct } from './shop-client';

const as = (cookie: string) => ({ cookie });
const meOnMain = async (cookie: string) =>
  (await call('GET', '/auth/me', undefined, as(cookie))).status;
const anonymous = { cookie: '' };

async function signUp(email: string, password: string) {
  return call('POST', '/auth/signup', { email, password }, anonymous);
}

const sessionKeyOf = (cookie: string) =>
  `session:${createHash('sha256')
    .update(cookie.split('=')[1] as string)
    .digest('base64url')}`;

describe('accounts and sessions', () => {
  let redis: Redis;
  before(() => {
    redis = new Redis(operatorRedisUrl());
  });
  after(() => redis.disconnect());

  it('signs up once per email, stores an argon2id hash only, and refuses weak passwords', async () => {
    const email = `Mixed.${randomUUID()}@Example.test`;
    const password = `correct horse ${randomUUID()}`;
    assert.equal((await signUp(email, password)).status, 202);
    const created = { body: await logInAs(email.toLowerCase(), password) };
    assert.equal((await signUp(`short-${randomUUID()}@example.test`, 'short')).status, 400);
    // Long enough, and still what an attacker tries first (NIST SP 800-63B's blocklist).
    for (const weak of [' '.repeat(12), '\u0000'.repeat(12), 'aaaaaaaaaaaa', 'password1234']) {
      const refused = await signUp(`weak-${randomUUID()}@example.test`, weak);
      assert.equal(refused.status, 422, JSON.stringify(weak));
      assert.equal((refused.body as { type?: string }).type, '/problems/weak-password');
    }

    const identity = new Client({ connectionString: postgresUrl('identity') });
    await identity.connect();
    try {
      const { rows } = await identity.query<{ password_hash: string }>(
        'select password_hash from accounts where id = $1',
        [created.body.id],
      );
      assert.match(rows[0]?.password_hash ?? '', /^\$argon2id\$/);
      assert.ok(!rows[0]?.password_hash.includes(password));
    } finally {
      await identity.end();
    }
  });

  it('logs in with an HttpOnly SameSite cookie and a fresh session id each time', async () => {
    const { email, password } = await signUpCustomer();
    const wrong = await rawRequest({
      method: 'POST',
      path: '/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'not the password' }),
      anonymous: true,
    });
    assertProblem(wrong, 401);

    const first = await fetch(`${gatewayUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const [setCookie] = first.headers.getSetCookie();
    assert.match(setCookie ?? '', /HttpOnly/i);
    assert.match(setCookie ?? '', /SameSite=Lax/i);
    assert.doesNotMatch(setCookie ?? '', /Secure/i, 'no Secure flag over plain HTTP');
    const firstCookie = cookieOf(first.headers.getSetCookie());

    // Logging in again with the old session replaces it: the old id is worth nothing.
    const second = await fetch(`${gatewayUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: firstCookie },
      body: JSON.stringify({ email, password }),
    });
    const secondCookie = cookieOf(second.headers.getSetCookie());
    assert.notEqual(secondCookie, firstCookie);
    assert.equal((await call('GET', '/auth/me', undefined, as(firstCookie))).status, 401);
    assert.equal((await call('GET', '/auth/me', undefined, as(secondCookie))).status, 200);
  });

  it('keeps a session alive while it is used and forgets it when idle', async () => {
    const { cookie } = await signUpCustomer();
    const key = sessionKeyOf(cookie);
    const idleSeconds = await redis.ttl(key);
    assert.ok(idleSeconds > 0 && idleSeconds <= 1800, `idle timeout ${idleSeconds} s`);
    await redis.expire(key, 5);
    // Each use pushes the idle timeout back (a copy the gateway held is dropped as Redis tells
    // it of the change, and the session is read afresh).
    await waitFor(async () => (await meOnMain(cookie)) === 200 && (await redis.ttl(key)) > 5, {
      timeoutMs: 5_000,
      intervalMs: 50,
      what: 'a use to push the idle timeout back',
    });
    await redis.del(key); // what the idle timeout does when it runs out
    // The gateway's copy of the session goes as Redis tells it the key went; no timeout.
    await waitFor(async () => (await meOnMain(cookie)) === 401, {
      timeoutMs: 5_000,
      intervalMs: 50,
      what: 'the expired session to be refused',
    });
  });

  it('serves one session on any gateway, and a logout on one ends it on all', async () => {
    const other = await GatewayProcess.start({});
    try {
      const customer = await signUpCustomer();
      const me = await rawRequest({
        port: other.port,
        path: '/auth/me',
        headers: as(customer.cookie),
      });
      assert.equal(me.status, 200);
      assert.equal((JSON.parse(me.text) as { id: string }).id, customer.id);
      assert.equal(await meOnMain(customer.cookie), 200, 'this gateway now has it too');
      const out = await rawRequest({
        port: other.port,
        method: 'POST',
        path: '/auth/logout',
        headers: as(customer.cookie),
      });
      assert.equal(out.status, 204);
      // This gateway kept the session too: Redis tells it of the logout.
      await waitFor(async () => (await meOnMain(customer.cookie)) === 401, {
        timeoutMs: 5_000,
        intervalMs: 50,
        what: 'the session to end on the other gateway too',
      });
    } finally {
      await other.stop();
    }
  });
});

describe('authorization', () => {
  it('shows a customer only their own orders, wallet and history; others answer 404', async () => {
    const tea = await stockedProduct(5, 500);
    const owner = await customerWith(5_000);
    const stranger = await signUpCustomer();
    const accepted = await placeOrder(owner, [{ sku: tea.sku, quantity: 1 }]);
    const { orderId } = accepted.body;
    await orderReaching(orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED']);

    const strangers = as(stranger.cookie);
    for (const path of [
      `/orders/${orderId}`,
      `/orders/${orderId}/details`,
      `/wallets/${owner}`,
      `/customers/${owner}/orders`,
    ]) {
      const answer = await call('GET', path, undefined, strangers);
      assert.equal(answer.status, 404, `${path} to a stranger`);
    }
    const cancel = await call('POST', `/orders/${orderId}/cancel`, {}, strangers);
    assert.equal(cancel.status, 404, 'a stranger cannot cancel');
    const deposit = await call('POST', `/wallets/${owner}/deposits`, { amountCents: 1 }, strangers);
    assert.equal(deposit.status, 404, 'nor pay into the wallet');

    const ownerCookie = as(customerCookie(owner));
    assert.equal((await call('GET', `/orders/${orderId}`, undefined, ownerCookie)).status, 200);
    assert.equal((await call('GET', `/wallets/${owner}`, undefined, ownerCookie)).status, 200);
  });

  it('needs a session for everything but the catalog, and the admin role for admin routes', async () => {
    assert.equal((await call('GET', '/products', undefined, anonymous)).status, 200);
    for (const [method, path] of [
      ['GET', `/orders/${randomUUID()}`],
      ['POST', '/orders'],
      ['GET', `/wallets/${randomUUID()}`],
    ] as const)
      assertProblem(await rawRequest({ method, path, anonymous: true }), 401);
    const customer = await signUpCustomer();
    const upsert = await rawRequest({
      method: 'PUT',
      path: '/admin/products/EVIL-001',
      headers: { 'content-type': 'application/json', cookie: customer.cookie },
      body: JSON.stringify({ name: 'x', priceCents: 1, warehouse: 'north' }),
    });
    assertProblem(upsert, 403);
  });
});
