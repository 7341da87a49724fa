import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scratchDatabase, type ScratchDatabase } from '@orchard/stack';
import { Client } from 'pg';
import { migrate } from './migrate';

describe('migrate on a real PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let dir: string;

  before(async () => {
    scratch = await scratchDatabase('order', 'migrate');
    dir = await mkdtemp(join(tmpdir(), 'orchard-migrate-spec-'));
    // Slow on purpose: the instances that start with it must wait, not fail.
    await writeFile(
      join(dir, '001_slow.sql'),
      '-- Up Migration\nselect pg_sleep(0.5);\ncreate table slow (id integer);\n\n-- Down Migration\ndrop table slow;\n',
    );
  });

  after(async () => {
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets instances that start together wait for the one migrating, and applies each migration once', async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => migrate(scratch.url, dir)));

    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'fulfilled'],
      JSON.stringify(results.filter((r) => r.status === 'rejected')),
    );
    const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    assert.equal(applied.filter((name) => name === '001_slow').length, 1);
    const client = new Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const { rows } = await client.query('select name from schema_migrations where name = $1', [
        '001_slow',
      ]);
      assert.equal(rows.length, 1);
    } finally {
      await client.end();
    }
  });
});
