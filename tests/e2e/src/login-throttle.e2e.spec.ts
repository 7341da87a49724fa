import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@orchard/stack';
import { GatewayProcess } from './gateway-process';
import { assertProblem } from './problem-assertions';
import { jsonRequest, loopbackAddress, type RawAnswer } from './raw-http';
import { signUpCustomer } from './sessions';

describe('login and sign-up throttles', () => {
  const perPair = 3;
  const perAccount = 6;
  const perAddress = 5;
  let gateway: GatewayProcess;

  before(async () => {
    gateway = await GatewayProcess.start({
      LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: String(perPair),
      LOGIN_FAILURES_PER_ACCOUNT: String(perAccount),
      LOGIN_FAILURES_PER_ADDRESS: String(perAddress),
      SIGNUPS_PER_ACCOUNT: '2',
      SIGNUPS_PER_ADDRESS: '2',
    });
  });

  after(async () => {
    await gateway?.stop();
  });

  const logIn = (email: string, password: string, from: string) =>
    jsonRequest(
      'POST',
      '/auth/login',
      { email, password },
      { port: gateway.port, from, anonymous: true },
    );

  const retryAfterOf = (answer: RawAnswer) => {
    const body = assertProblem(answer, 429);
    assert.equal(body['type'], '/problems/too-many-attempts');
    return Number(answer.headers['retry-after']);
  };

  it('makes one address wait after its failed logins at an account, doubling each time; the owner elsewhere gets in', async () => {
    const { email, password } = await signUpCustomer();
    const guesser = loopbackAddress();
    for (let i = 0; i < perPair; i++)
      assert.equal((await logIn(email, 'wrong', guesser)).status, 401, `failure ${i + 1}`);
    // From there even the right password waits: guessing gets no answer until then.
    assert.equal(retryAfterOf(await logIn(email, password, guesser)), 1);
    // A stranger's guesses lock nobody out: the owner, elsewhere, logs in.
    assert.equal((await logIn(email, password, loopbackAddress())).status, 200);

    let answer: RawAnswer | undefined;
    await waitFor(async () => (answer = await logIn(email, 'wrong', guesser)).status !== 429, {
      timeoutMs: 5_000,
      intervalMs: 100,
      what: 'the first wait to pass',
    });
    assert.equal(answer?.status, 401);
    assert.equal(retryAfterOf(await logIn(email, password, guesser)), 2, 'the wait doubles');
  });

  it('makes an account wait once failed logins from many addresses reach its own bound', async () => {
    const { email, password } = await signUpCustomer();
    // Each address stays under the pair's bound; together they reach the account's.
    for (let i = 0; i < perAccount; i++)
      assert.equal(
        (await logIn(email, 'wrong', loopbackAddress())).status,
        401,
        `failure ${i + 1}`,
      );
    assert.ok(
      retryAfterOf(await logIn(email, password, loopbackAddress())) >= 1,
      'the owner waits too',
    );
    let answer: RawAnswer | undefined;
    await waitFor(
      async () => (answer = await logIn(email, password, loopbackAddress())).status !== 429,
      { timeoutMs: 5_000, intervalMs: 100, what: 'the wait to pass' },
    );
    assert.equal(answer?.status, 200, 'the owner gets in once the wait is over');
    assert.equal(
      (await logIn(email, 'wrong', loopbackAddress())).status,
      401,
      'and the count restarts',
    );
  });

  it('makes an address wait after failed logins across many accounts', async () => {
    const from = loopbackAddress();
    for (let i = 0; i < perAddress; i++)
      assert.equal((await logIn(`nobody-${randomUUID()}@example.test`, 'guess', from)).status, 401);
    const { email, password } = await signUpCustomer();
    assert.ok(retryAfterOf(await logIn(email, password, from)) >= 1, 'this address waits');
    assert.equal((await logIn(email, password, loopbackAddress())).status, 200, 'others do not');
  });

  it('limits sign-ups per address and per email', async () => {
    const signUp = (email: string, from: string) =>
      jsonRequest(
        'POST',
        '/auth/signup',
        { email, password: `pw ${randomUUID()}` },
        {
          port: gateway.port,
          from,
          anonymous: true,
        },
      );
    const from = loopbackAddress();
    assert.equal((await signUp(`a-${randomUUID()}@example.test`, from)).status, 202);
    assert.equal((await signUp(`b-${randomUUID()}@example.test`, from)).status, 202);
    retryAfterOf(await signUp(`c-${randomUUID()}@example.test`, from));

    const email = `same-${randomUUID()}@example.test`;
    assert.equal((await signUp(email, loopbackAddress())).status, 202);
    assert.equal((await signUp(email, loopbackAddress())).status, 202);
    retryAfterOf(await signUp(email, loopbackAddress()));
  });
});
