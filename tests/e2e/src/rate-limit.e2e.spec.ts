import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GatewayProcess } from './gateway-process';
import { assertProblem } from './problem-assertions';
import { loopbackAddress, rawRequest, type RawAnswer } from './raw-http';
import { signUpCustomer } from './sessions';

const madeUpSession = () => `orchard_session=${randomUUID()}`;

describe('rate limits', () => {
  const max = 3;
  const ipMax = 8;
  let gateway: GatewayProcess;

  before(async () => {
    // A window far longer than the test: no count resets halfway through.
    gateway = await GatewayProcess.start({
      RATE_LIMIT_MAX: String(max),
      RATE_LIMIT_WINDOW_MS: '60000',
      RATE_LIMIT_IP_MAX: String(ipMax),
    });
  });

  after(async () => {
    await gateway?.stop();
  });

  const ask = (from: string, headers: Record<string, string> = {}, path = '/products/NO-SUCH') =>
    rawRequest({ port: gateway.port, path, from, headers, anonymous: true });

  it('answers a client over its limit with 429, Retry-After and problem details', async () => {
    const client = loopbackAddress();
    for (let i = 1; i <= max; i++) {
      const answer = await ask(client);
      assert.notEqual(answer.status, 429, `request ${i} of ${max}`);
      assert.equal(answer.headers['ratelimit-remaining'], String(max - i));
    }
    const refused = await ask(client);
    const body = assertProblem(refused, 429);
    assert.equal(body['type'], '/problems/too-many-requests');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `${retryAfter}`);
    assert.equal(refused.headers['ratelimit-remaining'], '0');
  });

  it('does not hold one client against another: another address, or a session, is served', async () => {
    const client = loopbackAddress();
    const { cookie } = await signUpCustomer();
    for (let i = 0; i <= max; i++) await ask(client);
    assert.equal((await ask(client)).status, 429, 'the first client is limited');
    assert.notEqual((await ask(loopbackAddress())).status, 429, 'another address');
    assert.notEqual((await ask(client, { cookie })).status, 429, 'a session of its own');
  });

  it('serves probes and scrapes on the management port only, never limited there', async () => {
    const client = loopbackAddress();
    for (let i = 0; i <= max; i++) await ask(client);
    assert.equal((await ask(client)).status, 429);
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      const probe = await rawRequest({
        port: gateway.managementPort,
        path,
        from: client,
        anonymous: true,
      });
      assert.equal(probe.status, 200, path);
      assertProblem(await ask(loopbackAddress(), {}, path), 404);
    }
    assertProblem(
      await rawRequest({ port: gateway.managementPort, path: '/products', anonymous: true }),
      404,
    );
  });

  it('gives a made-up session id no budget of its own: it counts as its address', async () => {
    const client = loopbackAddress();
    const answers: RawAnswer[] = [];
    for (let i = 0; i <= max; i++) answers.push(await ask(client, { cookie: madeUpSession() }));
    assert.deepEqual(
      answers.map((a) => a.status === 429),
      [...Array<boolean>(max).fill(false), true],
    );
    assertProblem(answers[max] as RawAnswer, 429);
  });

  it('limits an address across all the real sessions it presents', async () => {
    const client = loopbackAddress();
    const cookies = await Promise.all(
      Array.from({ length: ipMax + 1 }, async () => (await signUpCustomer()).cookie),
    );
    const answers: RawAnswer[] = [];
    for (const cookie of cookies) answers.push(await ask(client, { cookie }));
    assert.deepEqual(
      answers.map((a) => a.status === 429),
      [...Array<boolean>(ipMax).fill(false), true],
    );
    assertProblem(answers[ipMax] as RawAnswer, 429);
    assert.ok(Number(answers[ipMax]?.headers['retry-after']) >= 1);
  });
});
