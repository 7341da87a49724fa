import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { NotFoundError } from '@orchard/platform/http';
import { assertOwnedBy } from './ownership';
import type { Session } from './session';

const customer = (): Session => ({
  accountId: randomUUID(),
  email: 'a@b.c',
  role: 'customer',
  startedAt: 0,
});

describe('assertOwnedBy', () => {
  it('lets a customer reach what is theirs', () => {
    const session = customer();
    assert.doesNotThrow(() => assertOwnedBy(session, session.accountId, 'order'));
  });

  it("answers someone else's resource, or one without an owner, as missing", () => {
    const session = customer();
    for (const owner of [randomUUID(), customer().accountId, undefined]) {
      assert.throws(
        () => assertOwnedBy(session, owner, 'order'),
        (error: unknown) => error instanceof NotFoundError && error.message === 'order not found',
      );
    }
  });

  it('lets an administrator reach everything', () => {
    const admin: Session = { ...customer(), role: 'admin' };
    assert.doesNotThrow(() => assertOwnedBy(admin, randomUUID(), 'order'));
  });
});
