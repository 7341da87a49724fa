import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { waitFor } from '@orchard/stack';
import { GatewayProcess } from './gateway-process';
import { rawRequest } from './raw-http';
import { cookieOf, logIn, signUpCustomer } from './sessions';

const meOn = async (port: number | undefined, cookie: string, headers = {}) =>
  (await rawRequest({ port, path: '/auth/me', headers: { cookie, ...headers } })).status;

const post = (path: string, cookie: string, body?: unknown, port?: number) =>
  rawRequest({
    port,
    method: 'POST',
    path,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('sessions with a life cycle', () => {
  it('ends a session at its absolute lifetime, however busy it is', async () => {
    const gateway = await GatewayProcess.start({ SESSION_ABSOLUTE_SECONDS: '10' });
    try {
      const customer = await signUpCustomer();
      const cookie = await logIn(
        customer.email,
        customer.password,
        `http://127.0.0.1:${gateway.port}`,
      );
      const startedAt = Date.now();
      // Used all the time, so the idle timeout never ends it.
      await waitFor(async () => (await meOn(gateway.port, cookie)) === 401, {
        timeoutMs: 20_000,
        intervalMs: 250,
        what: 'the session to end at its absolute lifetime',
      });
      const livedMs = Date.now() - startedAt;
      assert.ok(livedMs > 8_000, `it lived ${livedMs} ms of its 10 s`);
    } finally {
      await gateway.stop();
    }
  });

  it('logs out everywhere: every session of the account ends', async () => {
    const customer = await signUpCustomer();
    const other = await logIn(customer.email, customer.password);
    assert.equal(await meOn(undefined, other), 200);
    assert.equal((await post('/auth/logout-everywhere', customer.cookie)).status, 204);
    assert.equal(await meOn(undefined, customer.cookie), 401);
    assert.equal(await meOn(undefined, other), 401);
  });

  it('ends every other session when the password changes', async () => {
    const customer = await signUpCustomer();
    const elsewhere = await logIn(customer.email, customer.password);
    const newPassword = `new password ${randomUUID()}`;
    const wrong = await post('/auth/password', customer.cookie, {
      currentPassword: 'not it',
      newPassword,
    });
    assert.equal(wrong.status, 401);
    const unchanged = await post('/auth/password', customer.cookie, {
      currentPassword: customer.password,
      newPassword: customer.password,
    });
    assert.equal(unchanged.status, 422, 'the new password must differ from the old');
    assert.equal(await meOn(undefined, elsewhere), 200, 'a refused change ends no session');
    const changed = await post('/auth/password', customer.cookie, {
      currentPassword: customer.password,
      newPassword,
    });
    assert.equal(changed.status, 204);
    assert.equal(await meOn(undefined, customer.cookie), 200, 'the session that changed it stays');
    assert.equal(await meOn(undefined, elsewhere), 401, 'every other one ends');
    await assert.rejects(logIn(customer.email, customer.password), /401/);
    assert.equal(await meOn(undefined, await logIn(customer.email, newPassword)), 200);
  });

  it("ends the administrator's sessions when a start resets the password, and only then", async () => {
    const email = `admin-${randomUUID()}@orchard.test`;
    const [before, after] = [`first ${randomUUID()}`, `second ${randomUUID()}`];
    const startWith = async (password: string) =>
      (await GatewayProcess.start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password })).stop();
    await startWith(before);
    const held = await logIn(email, before);
    assert.equal(await meOn(undefined, held), 200);

    await startWith(after);
    await waitFor(async () => (await meOn(undefined, held)) === 401, {
      timeoutMs: 5_000,
      intervalMs: 50,
      what: "the administrator's old session to end",
    });
    await assert.rejects(logIn(email, before), /401/);
    const current = await logIn(email, after);

    await startWith(after);
    assert.equal(await meOn(undefined, current), 200, 'a start that changes nothing ends nothing');
  });

  it('names the cookie __Host- and marks it Secure when served over TLS', async () => {
    const gateway = await GatewayProcess.start({ TRUST_PROXY: 'true' });
    try {
      const customer = await signUpCustomer();
      const overTls = { 'x-forwarded-proto': 'https' };
      const login = await rawRequest({
        port: gateway.port,
        method: 'POST',
        path: '/auth/login',
        headers: { 'content-type': 'application/json', ...overTls },
        body: JSON.stringify({ email: customer.email, password: customer.password }),
        anonymous: true,
      });
      assert.equal(login.status, 200);
      const setCookie = [login.headers['set-cookie'] ?? []].flat().join('\n');
      assert.match(
        setCookie,
        /^__Host-orchard_session=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/m,
      );
      assert.doesNotMatch(setCookie, /Domain=/i);
      const cookie = cookieOf([setCookie]);
      assert.equal(await meOn(gateway.port, cookie, overTls), 200);
      // The same id under the plain name is not read over TLS.
      const plain = cookie.replace('__Host-orchard_session', 'orchard_session');
      assert.equal(await meOn(gateway.port, plain, overTls), 401);
    } finally {
      await gateway.stop();
    }
  });
});
