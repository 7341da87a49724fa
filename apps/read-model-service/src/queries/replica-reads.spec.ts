import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Database } from '@orchard/platform/database';
import { ReplicaWithFallback } from './replica-reads';

/** A database that answers with its name, or fails as told. */
function fakeDatabase(name: string, failure?: () => Error) {
  const calls: string[] = [];
  const database = {
    query: async (text: string) => {
      calls.push(text);
      if (failure) throw failure();
      return [{ from: name }];
    },
  } as unknown as Database;
  return { database, calls };
}

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5456'), { code: 'ECONNREFUSED' });

describe('reads on the replica, with the primary as fallback', () => {
  it('reads on the replica while it answers', async () => {
    const replica = fakeDatabase('replica');
    const primary = fakeDatabase('primary');
    const reads = new ReplicaWithFallback(replica.database, primary.database);
    assert.deepEqual(await reads.query('select 1'), [{ from: 'replica' }]);
    assert.equal(primary.calls.length, 0);
  });

  it('reads on the primary when the replica cannot be reached, and keeps away from it for a while', async () => {
    const replica = fakeDatabase('replica', refused);
    const primary = fakeDatabase('primary');
    const reads = new ReplicaWithFallback(replica.database, primary.database);
    assert.deepEqual(await reads.query('select 1'), [{ from: 'primary' }]);
    assert.deepEqual(await reads.query('select 2'), [{ from: 'primary' }]);
    assert.equal(replica.calls.length, 1, 'the second read did not wait on the dead replica');
  });

  it('passes on a failure of the query itself: the primary would fail it too', async () => {
    const syntax = () => Object.assign(new Error('syntax error'), { code: '42601' });
    const replica = fakeDatabase('replica', syntax);
    const primary = fakeDatabase('primary');
    const reads = new ReplicaWithFallback(replica.database, primary.database);
    await assert.rejects(reads.query('selec 1'), /syntax error/);
    assert.equal(primary.calls.length, 0);
  });
});
