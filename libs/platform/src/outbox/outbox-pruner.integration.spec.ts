import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { host, postgresCluster, postgresSuperuser } from '@orchard/stack';
import { Client } from 'pg';
import { Database } from '../database/database';
import { databaseOfItsOwn, type DatabaseOfItsOwn } from '../testing/database-of-its-own';
import { OutboxPruner } from './outbox-pruner';

const hourMs = 60 * 60_000;
const slot = `outbox_pruner_spec_${randomBytes(4).toString('hex')}`;

/**
 * A database of its own with only the platform's tables, and a real logical replication slot
 * on it standing for the outbox connector's: the spec confirms positions by advancing it, as
 * Debezium does once it has published them.
 */
describe('OutboxPruner on a real PostgreSQL replication slot', () => {
  let own: DatabaseOfItsOwn;
  let database: Database;
  let superuser: Client;
  let noServiceMigrations: string;

  before(async () => {
    noServiceMigrations = await mkdtemp(join(tmpdir(), 'outbox-pruner-spec-'));
    own = await databaseOfItsOwn('order', 'outbox_pruner', noServiceMigrations);
    database = own.database;
    superuser = new Client({
      host,
      port: postgresCluster('order').port,
      database: new URL(own.url).pathname.slice(1),
      ...postgresSuperuser(),
    });
    await superuser.connect();
    await superuser.query(`select pg_create_logical_replication_slot($1, 'pgoutput')`, [slot]);
  });

  after(async () => {
    await superuser.query('select pg_drop_replication_slot($1)', [slot]);
    await superuser.end();
    await own.close();
    await rm(noServiceMigrations, { recursive: true, force: true });
  });

  /** `count` outbox rows created `ageMs` ago. */
  async function writeRows(count: number, ageMs: number): Promise<void> {
    await database.query(
      `insert into outbox (id, aggregatetype, aggregateid, type, payload, created_at)
       select gen_random_uuid(), 'order', $1, 'order.placed', '{}'::jsonb,
              now() - make_interval(secs => $2)
         from generate_series(1, $3)`,
      [randomUUID(), ageMs / 1000, count],
    );
  }

  const rowCount = async () =>
    (await database.query<{ n: number }>('select count(*)::int as n from outbox'))[0]?.n;

  /** What Debezium does once it has published everything written so far. */
  const confirmEverything = () =>
    superuser.query('select pg_replication_slot_advance($1, pg_current_wal_lsn())', [slot]);

  it('deletes nothing its slot has not confirmed, however old, nor anything without a slot', async () => {
    await writeRows(300, 3 * hourMs);
    const pruner = new OutboxPruner(database, { slot, retentionMs: hourMs, batchSize: 100 });
    const orphan = new OutboxPruner(database, { slot: `${slot}_gone`, retentionMs: 0 });

    assert.equal(await pruner.prune(), 0);
    assert.equal(await orphan.prune(), 0);
    await confirmEverything();
    assert.equal(await orphan.prune(), 0, 'no slot, nothing known to be published');
    assert.equal(await rowCount(), 300);
  });

  it('stays bounded under a long burst: confirmed rows go once past their retention, the rest stay', async () => {
    await database.query('delete from outbox');
    const pruner = new OutboxPruner(database, { slot, retentionMs: hourMs, batchSize: 250 });
    // Six hours of a steady 1000 rows an hour, then a run of the pruner an "hour" apart.
    for (let hoursAgo = 6; hoursAgo >= 1; hoursAgo--)
      await writeRows(1000, hoursAgo * hourMs - 60_000);
    await writeRows(500, 10 * 60_000);

    await pruner.prune(); // marks where the WAL ends now
    await confirmEverything();
    const deleted = await pruner.prune();

    // Everything older than the hour of retention goes; the last hour's rows stay.
    assert.equal(deleted, 5000);
    assert.equal(await rowCount(), 1500);
  });

  it('keeps what was written since the position its slot confirmed, even with no retention', async () => {
    await database.query('delete from outbox');
    const pruner = new OutboxPruner(database, { slot, retentionMs: 0 });
    await confirmEverything();
    await pruner.prune();

    await writeRows(700, 0);
    assert.equal(await pruner.prune(), 0, 'written after every confirmed mark');
    assert.equal(await rowCount(), 700);
    await confirmEverything();
    assert.equal(await pruner.prune(), 700);
    assert.equal(await rowCount(), 0);
  });
});
