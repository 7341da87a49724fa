import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '@orchard/stack';
import { databaseOfItsOwn, type DatabaseOfItsOwn } from '../testing/database-of-its-own';
import { inboxRetentionMs, pruneInbox } from './inbox-pruner';

const dayMs = 24 * 60 * 60_000;

describe('pruneInbox on a real PostgreSQL', () => {
  let own: DatabaseOfItsOwn;
  let noServiceMigrations: string;

  before(async () => {
    noServiceMigrations = await mkdtemp(join(tmpdir(), 'inbox-pruner-spec-'));
    own = await databaseOfItsOwn('readmodel', 'inbox_pruner', noServiceMigrations);
  });

  after(async () => {
    await own.close();
    await rm(noServiceMigrations, { recursive: true, force: true });
  });

  /** `count` entries of `consumer` processed `ageMs` ago. */
  const record = (consumer: string, count: number, ageMs: number) =>
    own.database.query(
      `insert into inbox (consumer, event_id, processed_at)
       select $1, gen_random_uuid(), now() - make_interval(secs => $2) from generate_series(1, $3)`,
      [consumer, ageMs / 1000, count],
    );

  const entries = async (consumer: string) =>
    (
      await own.database.query<{ n: number }>(
        'select count(*)::int as n from inbox where consumer = $1',
        [consumer],
      )
    )[0]?.n;

  it('outlives every event in its topics, so every redelivery is still recognised', async () => {
    const settings = await readFile(join(repoRoot, 'infra/kafka/server.properties'), 'utf8');
    const hours = Number(/^log\.retention\.hours=(\d+)$/m.exec(settings)?.[1]);
    assert.ok(hours > 0, 'the broker sets log.retention.hours');
    assert.ok(inboxRetentionMs > hours * 60 * 60_000, `${inboxRetentionMs} ms vs ${hours} h`);
  });

  it("stays bounded under a long burst: a group's entries past the horizon go, in batches, and no other group's", async () => {
    // Thirty days of a steady 200 events a day for two groups.
    for (let day = 30; day >= 1; day--) {
      await record('shop.views', 200, day * dayMs - 60_000);
      await record('shop.dispatch', 200, day * dayMs - 60_000);
    }

    const deleted = await pruneInbox(own.database, 'shop.views', inboxRetentionMs, 1000);

    assert.equal(deleted, 22 * 200);
    assert.equal(await entries('shop.views'), 8 * 200);
    assert.equal(await entries('shop.dispatch'), 30 * 200);
    assert.equal(await pruneInbox(own.database, 'shop.views'), 0, 'nothing more to prune');
  });
});
