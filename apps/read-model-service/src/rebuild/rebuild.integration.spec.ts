import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scratchDatabase, urls, type ScratchDatabase } from '@orchard/stack';
import { Client } from 'pg';
import { rebuildGroup, rebuildViews, shadowSchema } from './rebuild';

describe('the rebuild', () => {
  // A database of its own: the running read model's schemas and locks are never touched, and
  // an advisory lock is per database, so nothing the service does can make this pass.
  let scratch: ScratchDatabase;
  let databaseUrl: string;
  before(async () => {
    scratch = await scratchDatabase('readmodel', 'rebuild');
    databaseUrl = scratch.url;
  });
  after(() => scratch.drop());

  it("refuses to run beside another, and leaves that one's tables alone", async () => {
    // Plays the running rebuild: holds its lock and has a table in the shadow schema.
    const running = new Client({ connectionString: databaseUrl, statement_timeout: 120_000 });
    await running.connect();
    try {
      await running.query('select pg_advisory_lock(hashtext($1))', [rebuildGroup]);
      // Under the lock, whatever is left of a rebuild that died is ours to replace.
      await running.query(`drop schema if exists ${shadowSchema} cascade`);
      await running.query(`create schema ${shadowSchema}`);
      await running.query(`create table ${shadowSchema}.half_built (n integer)`);

      await assert.rejects(
        rebuildViews({ databaseUrl, brokers: [urls.kafkaBrokers], timeoutMs: 10_000 }),
        /another rebuild is running/,
      );
      const { rows } = await running.query('select to_regclass($1) is not null as kept', [
        `${shadowSchema}.half_built`,
      ]);
      assert.deepEqual(rows, [{ kept: true }]);
    } finally {
      await running.query(`drop schema if exists ${shadowSchema} cascade`);
      await running.query('select pg_advisory_unlock_all()');
      await running.end();
    }
  });
});
