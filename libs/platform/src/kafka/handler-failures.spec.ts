import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffAfter, describeFailure, isTransientFailure } from './handler-failures';

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
      withCode('14 UNAVAILABLE: No connection established', 14),
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

  it('describes a failure with its causes, for the dead letter', () => {
    const error = new Error('the handler failed', { cause: new TypeError('x is undefined') });
    assert.equal(describeFailure(error), 'Error: the handler failed <- TypeError: x is undefined');
  });
});
