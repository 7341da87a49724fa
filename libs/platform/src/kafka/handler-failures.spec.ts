import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backoffAfter,
  defaultHandlerRetries,
  describeFailure,
  isTransientFailure,
} from './handler-failures';

const withCode = (message: string, code: string | number) =>
  Object.assign(new Error(message), { code });

describe('isTransientFailure: the infrastructure, not the event', () => {
  it('is transient for a lost or refused connection, a deadlock, a shutdown, an unavailable server', () => {
    for (const error of [
      withCode('could not serialize access', '40001'),
      withCode('deadlock detected', '40P01'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connect ECONNREFUSED 127.0.0.1:5442', 'ECONNREFUSED'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      withCode('connection failure', '08006'),
      withCode('sorry, too many clients already', '53300'),
      withCode('could not write to file', '58030'),
      withCode('could not obtain lock on row', '55P03'),
      withCode('object in use', '55006'),
      withCode('14 UNAVAILABLE: No connection established', 14),
      withCode('4 DEADLINE_EXCEEDED', 4),
      withCode('8 RESOURCE_EXHAUSTED', 8),
      withCode('10 ABORTED', 10),
      Object.assign(new Error('broker went away'), { retriable: true }),
      new Error('the saga could not be signalled', { cause: withCode('reset', 'ECONNRESET') }),
    ])
      assert.equal(isTransientFailure(error), true, String(error));
  });

  it('is not for a bug, a broken constraint, a refusal or anything unknown', () => {
    for (const error of [
      new TypeError("Cannot read properties of undefined (reading 'sku')"),
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('invalid input syntax for type uuid', '22P02'),
      withCode('refused by a rule', 'P0001'),
      withCode('not found', 5), // gRPC NOT_FOUND
      withCode('3 INVALID_ARGUMENT', 3),
      withCode('lock not available in a class of its own', '55000'),
      withCode('a code of a state class, not a state', '57'),
      Object.assign(new Error('retriable, the word only'), { retriable: 'yes' }),
      Object.assign(new Error('deposit-id-reused'), { code: 'deposit-id-reused' }),
      'a string',
      undefined,
    ])
      assert.equal(isTransientFailure(error), false, String(error));
  });

  it('survives a cause chain that loops', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    assert.equal(isTransientFailure(a), false);
  });
});

describe('the bounded retry of other failures', () => {
  it('backs off doubling, with at most a fifth of jitter', () => {
    const policy = { attempts: 5, firstBackoffMs: 100 };
    for (const [attempt, base] of [
      [1, 100],
      [2, 200],
      [4, 800],
    ] as const) {
      const delay = backoffAfter(attempt, policy);
      assert.ok(delay >= base && delay <= base * 1.2, `${attempt}: ${delay}`);
    }
  });

  it('tries a failure five times over about three seconds before dead-lettering it', () => {
    assert.deepEqual(defaultHandlerRetries, { attempts: 5, firstBackoffMs: 200 });
  });

  it('describes a failure with its causes, for the dead letter', () => {
    const error = new Error('the handler failed', { cause: new TypeError('x is undefined') });
    assert.equal(describeFailure(error), 'Error: the handler failed <- TypeError: x is undefined');
    assert.equal(
      describeFailure(new Error('wrapped', { cause: 'a plain string' })),
      'Error: wrapped <- a plain string',
    );
    assert.equal(describeFailure(42), '42');
  });

  it('describes five links of a cause chain at most, in 2,000 characters at most', () => {
    let chain: Error = new Error('link 7');
    for (let link = 6; link >= 1; link--) chain = new Error(`link ${link}`, { cause: chain });
    assert.equal(
      describeFailure(chain),
      ['1', '2', '3', '4', '5'].map((n) => `Error: link ${n}`).join(' <- '),
    );
    assert.equal(describeFailure(new Error('x'.repeat(5_000))).length, 2_000);
  });
});
