import { eventTopics } from '@orchard/contracts';
import { Database, migrate, type Queryable } from '@orchard/platform/database';
import { processMessage } from '@orchard/platform/kafka';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { migrationsDir } from '../app.module';
import { serviceName } from '../config';
import { historyAfter } from '../views/event-history';
import { projectEvent } from '../views/project-event';
import { viewsConsumer, viewsPurpose } from '../views/views.consumer';
import { createViewSchema, dropSchema, inSchema, liveSchema, viewTables } from './view-schema';

/** The rebuild's own consumer group, hence its own inbox scope: `read-model-service.rebuild`. */
export const rebuildPurpose = 'rebuild';
const liveGroup = `${serviceName}.${viewsPurpose}`;
/** Also the name of the advisory lock that lets one rebuild run at a time. */
export const rebuildGroup = `${serviceName}.${rebuildPurpose}`;
/** Where the fresh tables are built, and where the replaced ones go before they are dropped. */
export const shadowSchema = 'readmodel_rebuild';
const retiredSchema = 'readmodel_retired';

export interface RebuildOptions {
  databaseUrl: string;
  brokers: string[];
  log?: (line: string) => void;
  /** How long the whole rebuild may take. */
  timeoutMs?: number;
}

export interface RebuildResult {
  events: number;
  rows: Record<(typeof viewTables)[number], number>;
  tookMs: number;
}

/**
 * Rebuilds the views from the whole history, next to the live ones, while the live service goes
 * on serving and consuming:
 *
 * 1. Empty copies of the view tables and of the inbox in a shadow schema.
 * 2. The history the live views recorded (every event they applied, however old, in their
 *    order) is replayed into them; then a consumer group of its own reads the five topics
 *    from their start, which hold the last 7 days: its inbox skips what the history gave.
 * 3. Once it has read what the topics held when the rebuild began, one transaction locks the
 *    live views and inbox (reads go on; the live consumer waits), waits until the rebuild has
 *    every event the live views have, and swaps the tables. The live inbox becomes the
 *    rebuild's: the live consumer then skips what the new tables already hold and applies
 *    the rest, so nothing is lost or applied twice.
 */
export async function rebuildViews(options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 10 * 60_000);
  const log = options.log ?? (() => undefined);
  await migrate(options.databaseUrl, migrationsDir);
  const live = new Database(options.databaseUrl, { max: 3, applicationName: rebuildGroup });
  const admin = new Kafka({
    clientId: rebuildGroup,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
  }).admin();
  const session = await live.pool.connect();
  let owned = false;
  try {
    await admin.connect();
    const [{ locked }] = (
      await session.query('select pg_try_advisory_lock(hashtext($1)) as locked', [rebuildGroup])
    ).rows;
    if (!locked) throw new Error('another rebuild is running');
    owned = true;
    await dropSchema(session, retiredSchema);
    await createViewSchema(session, shadowSchema);
    await assertSameIndexes(session);
    await forgetGroup(admin, rebuildGroup);
    log(`replaying ${eventTopics.join(', ')} into ${shadowSchema}`);
    const events = await buildAndSwap(options, live, admin, deadline, log);
    await dropSchema(session, retiredSchema);
    await dropSchema(session, shadowSchema);
    await forgetGroup(admin, rebuildGroup);
    return { events, rows: await rowCounts(live), tookMs: Date.now() - started };
  } catch (error) {
    // The shadow schema is the running rebuild's when this one was refused.
    if (owned) await dropSchema(session, shadowSchema).catch(() => undefined);
    throw error;
  } finally {
    await session.query('select pg_advisory_unlock_all()').catch(() => undefined);
    session.release();
    await live.close();
    await admin.disconnect();
  }
}

async function buildAndSwap(
  options: RebuildOptions,
  live: Database,
  admin: Admin,
  deadline: number,
  log: (line: string) => void,
): Promise<number> {
  const shadow = new Database(inSchema(options.databaseUrl, shadowSchema), {
    max: 4,
    applicationName: rebuildGroup,
  });
  let fatal: Error | undefined;
  const consumer = viewsConsumer({
    brokers: options.brokers,
    database: shadow,
    purpose: rebuildPurpose,
    onFatalError: (error) => (fatal = error),
  });
  const until = async (what: string, done: () => Promise<boolean>) => {
    while (!(await done())) {
      if (fatal) throw new Error(`the rebuild consumer stopped: ${fatal.message}`);
      if (Date.now() > deadline) throw new Error(`the rebuild timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  try {
    log(`replayed ${await replayHistory(live, shadow)} events from the history`);
    await consumer.start();
    // After the start: subscribing creates a topic nothing was published to yet.
    const targets = await endOffsets(admin);
    await until('the events the topics held at the start', () =>
      caughtUp(admin, rebuildGroup, targets),
    );
    log('caught up with the topics; swapping in the rebuilt views');
    for (;;) {
      await until('every event of the live views', async () => (await missing(live.pool)) === 0);
      if (await swapWhenComplete(live, () => consumer.stop())) break;
      log('the live views moved ahead during the swap; catching up again');
    }
    const [{ events }] = await live.query<{ events: number }>(
      'select count(*)::int as events from inbox where consumer = $1',
      [liveGroup],
    );
    return events;
  } finally {
    await consumer.stop();
    await shadow.close();
  }
}

/**
 * Applies the live views' history to the shadow views, in the order the live views applied it,
 * through the same inbox and handler as the rebuild consumer. Returns how many events it read.
 */
async function replayHistory(live: Database, shadow: Database): Promise<number> {
  const processor = {
    consumer: rebuildGroup,
    database: shadow,
    handle: projectEvent,
    sendToDeadLetter: async () => {
      throw new Error('an event of the history breaks its contract now');
    },
  };
  let replayed = 0;
  for (let position = 0; ;) {
    const page = await historyAfter(live.pool, position, 500);
    for (const entry of page) {
      const message = {
        key: null,
        value: Buffer.from(entry.value),
        headers: {},
        offset: String(entry.position),
        timestamp: '0',
        attributes: 0,
      };
      await processMessage({ topic: entry.topic, partition: 0, message }, processor);
    }
    replayed += page.length;
    const last = page.at(-1);
    if (!last) return replayed;
    position = last.position;
  }
}

/**
 * The swap, in one transaction. The lock holds the live consumer before its inbox insert (reads
 * of the views go on); the rebuild consumer writes only to the shadow schema, so it keeps going
 * until it has every event the live inbox has. False if it did not get there in time.
 */
function swapWhenComplete(live: Database, stopRebuild: () => Promise<void>): Promise<boolean> {
  return live.transaction(async (tx) => {
    await tx.query(`set local lock_timeout = '10s'`);
    await tx.query(`lock table inbox, ${viewTables.join(', ')} in exclusive mode`);
    const until = Date.now() + 15_000;
    while ((await missing(tx)) > 0) {
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await stopRebuild();
    await tx.query(`create schema ${retiredSchema}`);
    for (const table of viewTables) {
      await tx.query(`alter table ${liveSchema}.${table} set schema ${retiredSchema}`);
      await tx.query(`alter table ${shadowSchema}.${table} set schema ${liveSchema}`);
    }
    await tx.query('delete from inbox where consumer = $1', [liveGroup]);
    await tx.query(
      `insert into inbox (consumer, event_id, processed_at)
       select $1, event_id, processed_at from ${shadowSchema}.inbox`,
      [liveGroup],
    );
    return true;
  });
}

/** Events the live views have applied that the rebuilt ones have not (yet). */
async function missing(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from inbox l
      where l.consumer = $1
        and not exists (select 1 from ${shadowSchema}.inbox r
                         where r.consumer = $2 and r.event_id = l.event_id)`,
    [liveGroup, rebuildGroup],
  );
  return rows[0]?.n ?? 0;
}

/** A rebuilt table must keep the live one's index names, or later migrations would miss them. */
async function assertSameIndexes(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ schemaname: string; names: string }>(
    `select schemaname, string_agg(tablename || '.' || indexname, ',' order by tablename, indexname) as names
       from pg_indexes where schemaname = any($1) and tablename = any($2)
      group by schemaname`,
    [[liveSchema, shadowSchema], [...viewTables]],
  );
  const names = (schema: string) => rows.find((r) => r.schemaname === schema)?.names;
  if (names(liveSchema) !== names(shadowSchema))
    throw new Error(
      `rebuilt indexes ${names(shadowSchema)} differ from the live ${names(liveSchema)}: leave indexes unnamed in migrations`,
    );
}

type Offsets = Map<string, { high: bigint; low: bigint }>;
const key = (topic: string, partition: number) => `${topic}[${partition}]`;

/** Where each partition of the five topics ends now. */
async function endOffsets(admin: Admin): Promise<Offsets> {
  const offsets: Offsets = new Map();
  for (const topic of eventTopics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      offsets.set(key(topic, p.partition), { high: BigInt(p.high), low: BigInt(p.low) });
    }
  }
  return offsets;
}

/** The group has committed every partition's offset up to `targets` (or it has nothing to read). */
async function caughtUp(admin: Admin, groupId: string, targets: Offsets): Promise<boolean> {
  const committed = new Map<string, bigint>();
  for (const { topic, partitions } of await admin.fetchOffsets({
    groupId,
    topics: [...eventTopics],
  })) {
    for (const p of partitions) committed.set(key(topic, p.partition), BigInt(p.offset));
  }
  return [...targets].every(
    ([partition, { high, low }]) => high <= low || (committed.get(partition) ?? -1n) >= high,
  );
}

/** Removes the group and its committed offsets, so that it starts again from the beginning. */
async function forgetGroup(admin: Admin, groupId: string): Promise<void> {
  const { groups } = await admin.listGroups();
  if (!groups.some((g) => g.groupId === groupId)) return;
  try {
    await admin.deleteGroups([groupId]);
  } catch (error) {
    // A rebuild killed moments ago stays a member until its session times out (30 s).
    throw new Error(`cannot reset consumer group ${groupId}, try again shortly: ${String(error)}`);
  }
}

async function rowCounts(live: Database): Promise<RebuildResult['rows']> {
  const counts = {} as RebuildResult['rows'];
  for (const table of viewTables) {
    const [{ n }] = await live.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = n;
  }
  return counts;
}
