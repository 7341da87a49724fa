import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Client } from 'pg';
import { system } from '../components';
import { registerConnectors, resumeConnector, stopConnector } from '../connect/connectors';
import { ManagedProcess } from '../process/managed-process';
import { isPortInUse } from '../process/ports';
import { Stack } from '../stack';
import {
  host,
  ports,
  postgresCluster,
  postgresSuperuser,
  postgresUrl,
  urls,
  type DatabaseOwner,
} from '../topology';
import { waitFor } from '../wait';

/**
 * The services' outbox connectors (infra/connect/connectors), end to end: rows written to an
 * outbox with SQL, as the service would, arrive on Kafka through Debezium. Each run routes its
 * events to a topic of its own (aggregatetype `probe_<random>` → `probe_<random>.events`), so
 * the real topics never see them; the rows and the topic are removed at the end.
 */

const owners = [
  'order',
  'payment',
  'inventory',
  'shipping',
] as const satisfies readonly DatabaseOwner[];
const run = randomUUID().replaceAll('-', '').slice(0, 12);
const aggregateType = `probe_${run}`;
const topic = `${aggregateType}.events`;
const groupId = `outbox-cdc-${run}`;
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

interface Envelope {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  aggregateType: string;
  aggregateId: string;
  data: Record<string, unknown>;
}

interface Received {
  key: string;
  headers: Record<string, string | null>;
  value: Envelope;
}

function envelope(aggregateId: string, data: Record<string, unknown> = {}): Envelope {
  return {
    id: randomUUID(),
    type: 'probe.happened',
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateType,
    aggregateId,
    data,
  };
}

/** Inserts rows exactly as appendToOutbox does (envelope JSON in payload, traceparent column). */
async function insertEvents(db: Client, events: Envelope[]): Promise<void> {
  const values = events.map(
    (_, i) =>
      `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
  );
  await db.query(
    `insert into outbox (id, aggregatetype, aggregateid, type, payload, traceparent) values ${values.join(', ')}`,
    events.flatMap((e) => [
      e.id,
      e.aggregateType,
      e.aggregateId,
      e.type,
      JSON.stringify(e),
      traceparent,
    ]),
  );
}

async function commit(db: Client, events: Envelope[]): Promise<void> {
  await db.query('begin');
  try {
    await insertEvents(db, events);
    await db.query('commit');
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
}

const kafka = new Kafka({
  clientId: 'outbox-cdc-test',
  brokers: [urls.kafkaBrokers],
  logLevel: logLevel.ERROR,
});

/** Everything that reaches the probe topic, in partition order, read from the beginning. */
const received: Received[] = [];
const seen = (id: string) => received.some((m) => m.headers['id'] === id);
const databases = new Map<DatabaseOwner, Client>();
const db = (owner: DatabaseOwner): Client => {
  const client = databases.get(owner);
  assert.ok(client, `connected to ${owner}`);
  return client;
};
let consumer: Consumer | undefined;

const connectorsRunning = async () => {
  const response = await fetch(`${urls.kafkaConnect}/connectors?expand=status`);
  const all = (await response.json()) as Record<
    string,
    { status: { connector: { state: string }; tasks: { state: string }[] } }
  >;
  return owners.every((owner) => {
    const status = all[`${owner}-outbox`]?.status;
    return (
      status?.connector.state === 'RUNNING' &&
      status.tasks.length > 0 &&
      status.tasks.every((t) => t.state === 'RUNNING')
    );
  });
};

/**
 * The last WAL position Connect stored for a stopped connector: Debezium's `lsn_proc`, the
 * position it has completely processed.
 */
async function storedPosition(connector: string): Promise<string> {
  const response = await fetch(`${urls.kafkaConnect}/connectors/${connector}/offsets`);
  const body = (await response.json()) as {
    offsets: { offset: { lsn_proc?: number | string | null } }[];
  };
  const position = body.offsets[0]?.offset.lsn_proc;
  assert.ok(position !== undefined && position !== null, `${connector} has a stored position`);
  return String(position);
}

describe('outbox → Debezium → Kafka', () => {
  before(async () => {
    // Idempotent: a no-op when `start` or the test runner registered them already.
    await registerConnectors();
    assert.ok(await connectorsRunning(), 'the outbox connectors run');
    for (const owner of owners) {
      const client = new Client({ connectionString: postgresUrl(owner) });
      await client.connect();
      databases.set(owner, client);
    }
    // One partition: one order to read everything in. The broker would create the topic on
    // Debezium's first write; creating it first lets the consumer subscribe without a race.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? null]),
          ),
          value: JSON.parse(message.value?.toString() ?? 'null') as Envelope,
        });
      },
    });
  });

  after(async () => {
    // Drained first: a connector still catching up (a failed test, a redelivery) would create
    // the probe topic again with its next event. Its events come in commit order, so once an
    // event committed now is through, nothing older is still on the way.
    if (consumer && databases.has('shipping')) {
      const drain = envelope(`drain-${run}`);
      await commit(db('shipping'), [drain]);
      await waitFor(async () => seen(drain.id), {
        timeoutMs: 120_000,
        what: 'the shipping connector to catch up',
      }).catch(() => undefined);
    }
    await consumer?.disconnect();
    // The probe rows go (the connectors skip deletes), and so does the probe topic.
    for (const client of databases.values()) {
      await client.query('delete from outbox where aggregatetype = $1', [aggregateType]);
      await client.end();
    }
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  });

  it("publishes a committed event from every service's outbox: key, headers, envelope", async () => {
    const written = new Map<DatabaseOwner, Envelope>();
    for (const owner of owners) {
      const event = envelope(`${owner}-${randomUUID()}`, { owner, amountCents: 1250 });
      await commit(db(owner), [event]);
      written.set(owner, event);
    }
    await waitFor(async () => [...written.values()].every((e) => seen(e.id)), {
      timeoutMs: 60_000,
      what: 'one event from each outbox on the probe topic',
    });
    for (const [owner, event] of written) {
      const message = received.find((m) => m.headers['id'] === event.id);
      assert.ok(message, `${owner}'s event arrived`);
      assert.equal(message.key, event.aggregateId, `${owner}: key is the aggregate id`);
      assert.equal(message.headers['eventType'], 'probe.happened', `${owner}: eventType header`);
      assert.equal(message.headers['traceparent'], traceparent, `${owner}: traceparent header`);
      assert.deepEqual(message.value, event, `${owner}: the value is the envelope`);
    }
  });

  it('never publishes an event whose transaction rolled back', async () => {
    const shipping = db('shipping');
    const aggregateId = `rollback-${randomUUID()}`;
    const rolledBack = envelope(aggregateId, { outcome: 'rolled back' });
    const marker = envelope(aggregateId, { outcome: 'committed after the rollback' });

    await shipping.query('begin');
    await insertEvents(shipping, [rolledBack]);
    await shipping.query('rollback');
    // Same aggregate id, so the same partition: what precedes the marker there is all there is.
    await commit(shipping, [marker]);

    await waitFor(async () => seen(marker.id), {
      timeoutMs: 60_000,
      what: 'the marker committed after the rolled-back event',
    });
    const markerAt = received.findIndex((m) => m.headers['id'] === marker.id);
    const ids = received.map((m) => m.headers['id']);
    assert.equal(ids.slice(0, markerAt).includes(rolledBack.id), false, 'not before the marker');
    assert.equal(ids.includes(rolledBack.id), false, 'not at all');
    assert.equal(received[markerAt]?.key, aggregateId);
  });

  it(
    'loses no event when Kafka Connect is killed during a burst (at-least-once)',
    { timeout: 240_000 },
    async (t) => {
      const shipping = db('shipping');
      const connect = new ManagedProcess('kafka-connect');
      // The connector streams before the burst: a warm-up event comes through.
      const warmUp = envelope(`warm-up-${randomUUID()}`);
      await commit(shipping, [warmUp]);
      await waitFor(async () => seen(warmUp.id), { timeoutMs: 60_000, what: 'the warm-up event' });

      const aggregates = Array.from({ length: 7 }, (_, i) => `burst-${run}-${i}`);
      const burst = Array.from({ length: 300 }, (_, i) =>
        envelope(aggregates[i % aggregates.length] ?? 'burst', { seq: i }),
      );
      const batches = Array.from({ length: 30 }, (_, b) => burst.slice(b * 10, b * 10 + 10));
      const write = async (from: number, to: number) => {
        for (const batch of batches.slice(from, to)) await commit(shipping, batch);
      };

      let restarting: Promise<unknown> | undefined;
      let seenAtKill = 0;
      try {
        // A third written, then the worker killed without warning as soon as Debezium streams
        // them: its offsets are flushed once a second, so some were sent but not recorded.
        await write(0, 10);
        await waitFor(async () => burst.slice(0, 100).some((e) => seen(e.id)), {
          timeoutMs: 60_000,
          intervalMs: 10,
          what: 'the first burst events on the probe topic',
        });
        const pid = connect.runningPid();
        assert.ok(pid, 'kafka-connect runs under the stack');
        process.kill(pid, 'SIGKILL');
        seenAtKill = burst.filter((e) => seen(e.id)).length;
        // Gone from /proc before its sockets are closed: wait for the REST port too, or the
        // stack's start-up check would find it still taken.
        await waitFor(
          async () =>
            connect.runningPid() === undefined && !(await isPortInUse(ports.kafkaConnect)),
          { timeoutMs: 10_000, intervalMs: 50, what: 'kafka-connect to die and free its port' },
        );
        // A third while no worker runs: the replication slot keeps it.
        await write(10, 20);
        // A third while the worker starts again.
        restarting = new Stack(system()).select(['kafka-connect']).up();
        await write(20, 30);
        await restarting;
        await registerConnectors();
      } finally {
        // Leave Connect and its connectors running whatever happened above.
        await restarting?.catch(() => undefined);
        if (connect.runningPid() === undefined) {
          await new Stack(system()).select(['kafka-connect']).up();
          await registerConnectors();
        }
      }

      const burstIds = new Set(burst.map((e) => e.id));
      const missing = () => burst.filter((e) => !seen(e.id));
      await waitFor(async () => missing().length === 0, {
        timeoutMs: 120_000,
        what: 'every one of the 300 burst events on the probe topic',
      }).catch((error: Error) => {
        throw new Error(`${error.message}; missing ${missing().length} of 300`);
      });

      const burstMessages = received.filter((m) => burstIds.has(m.headers['id'] ?? ''));
      const duplicates = burstMessages.length - burstIds.size;
      t.diagnostic(
        `300 events: ${seenAtKill} consumed when Connect was killed; ` +
          `${burstMessages.length} messages in all (${duplicates} redelivered)`,
      );
      assert.equal(missing().length, 0);
      // Redelivery repeats a suffix of the stream: first deliveries keep each aggregate's order.
      const firstSeen = new Set<string>();
      const lastSeq = new Map<string, number>();
      for (const message of burstMessages) {
        const id = message.headers['id'] ?? '';
        if (firstSeen.has(id)) continue;
        firstSeen.add(id);
        const seq = message.value.data['seq'] as number;
        assert.equal(message.key, message.value.aggregateId);
        assert.ok(
          seq > (lastSeq.get(message.key) ?? -1),
          `event ${seq} of ${message.key} arrived after a later one`,
        );
        lastSeq.set(message.key, seq);
      }
      assert.ok(await connectorsRunning(), 'the connectors run again');
    },
  );
  it('starts a connector afresh from its slot when the slot is past what Kafka holds for it', async (t) => {
    const name = 'shipping-outbox';
    const slot = 'shipping_outbox';
    const cluster = postgresCluster('shipping');
    const superuser = new Client({
      host,
      port: cluster.port,
      database: cluster.database,
      ...postgresSuperuser(),
    });
    await superuser.connect();
    try {
      await stopConnector(name);
      await waitFor(
        async () =>
          (
            await superuser.query('select active from pg_replication_slots where slot_name = $1', [
              slot,
            ])
          ).rows[0]?.active === false,
        { timeoutMs: 30_000, what: `slot ${slot} to be released` },
      );
      // Debezium resumes only if the slot still holds the last position it processed: the
      // slot's restart point must not be past it (PostgresConnection.validateLogPosition).
      const stored = await storedPosition(name);
      // Published elsewhere (the other profile's Kafka): the slot confirms past this event.
      const elsewhere = envelope(`elsewhere-${run}`);
      await commit(db('shipping'), [elsewhere]);
      // Advancing moves the restart point only as far as the first running-transactions record
      // past the confirmed position, and not past a transaction still open there (the running
      // shipping service writes too): a checkpoint logs a new one, until the restart point is
      // past the stored position.
      let rounds = 0;
      await waitFor(
        async () => {
          rounds += 1;
          await superuser.query('checkpoint');
          await superuser.query('select pg_replication_slot_advance($1, pg_current_wal_lsn())', [
            slot,
          ]);
          const { rows } = await superuser.query<{ past: boolean }>(
            `select restart_lsn > '0/0'::pg_lsn + $2::numeric as past
               from pg_replication_slots where slot_name = $1`,
            [slot, stored],
          );
          return rows[0]?.past === true;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: `slot ${slot} to restart past ${stored}` },
      );
      t.diagnostic(`the slot's restart point passed the stored position after ${rounds} round(s)`);
      await resumeConnector(name);
      // What an operator would find: the task failed, its position gone from the slot.
      let last = '';
      await waitFor(
        async () => {
          const response = await fetch(`${urls.kafkaConnect}/connectors/${name}/status`);
          last = await response.text();
          const status = JSON.parse(last) as { tasks: { state: string; trace?: string }[] };
          return status.tasks.some(
            (task) => task.state === 'FAILED' && (task.trace ?? '').includes('no longer available'),
          );
        },
        { timeoutMs: 60_000, what: 'the resumed task to fail for the position it lost' },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last status: ${last.slice(0, 1000)}`);
      });

      await registerConnectors();

      // The snapshot of the outbox, which still holds the row, brings it here too.
      await waitFor(async () => seen(elsewhere.id), {
        timeoutMs: 60_000,
        what: 'the event the slot had moved past, from the snapshot',
      });
      assert.ok(await connectorsRunning(), 'the connectors run again');
    } finally {
      await superuser.end();
    }
  });
});
