import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GatewayProcess } from './gateway-process';
import { assertProblem } from './problem-assertions';
import { rawRequest, type RawAnswer } from './raw-http';

/**
 * A loopback address of its own per client and run, a fresh IP address to the gateway (Linux
 * routes all of 127.0.0.0/8 to the loopback interface).
 */
const loopbackAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const session = () => `orchard_session=${randomUUID()}`;

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
    for (let i = 0; i <= max; i++) await ask(client);
    assert.equal((await ask(client)).status, 429, 'the first client is limited');

    assert.notEqual((await ask(loopbackAddress())).status, 429, 'another address');
    assert.notEqual((await ask(client, { cookie: session() })).status, 429, 'a session');
  });

  it('never limits health probes or metrics scrapes', async () => {
    const client = loopbackAddress();
    for (let i = 0; i <= max; i++) await ask(client);
    assert.equal((await ask(client)).status, 429);
    for (const path of ['/health/live', '/health/ready', '/metrics'])
      assert.equal((await ask(client, {}, path)).status, 200, path);
  });

  it('limits an address that makes up a new session id for every request', async () => {
    const client = loopbackAddress();
    const answers: RawAnswer[] = [];
    for (let i = 0; i <= ipMax; i++) answers.push(await ask(client, { cookie: session() }));
    assert.deepEqual(
      answers.map((a) => a.status === 429),
      [...Array<boolean>(ipMax).fill(false), true],
    );
    assertProblem(answers[ipMax] as RawAnswer, 429);
    assert.ok(Number(answers[ipMax]?.headers['retry-after']) >= 1);
  });
});
