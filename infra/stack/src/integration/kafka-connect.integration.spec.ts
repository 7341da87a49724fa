import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { cdcUser, host, postgresCluster, postgresUrl, urls } from '../topology';
import { waitFor } from '../wait';

const connect = (path: string, init?: RequestInit) =>
  fetch(`${urls.kafkaConnect}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json' },
  });

/** An outbox connector on a scratch table, configured the way the services' connectors are. */
function scratchConnector(suffix: string) {
  return {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'tasks.max': '1',
    'plugin.name': 'pgoutput',
    // Resolved by the worker's env config provider: the same file works natively and in compose.
    'database.hostname': '${env:ORDER_DB_HOST}',
    'database.port': '${env:ORDER_DB_PORT}',
    'database.dbname': '${env:ORDER_DB_NAME}',
    'database.user': '${env:CDC_DB_USER}',
    'database.password': '${env:CDC_DB_PASSWORD}',
    'topic.prefix': `scratch_${suffix}`,
    'slot.name': `scratch_${suffix}`,
    'publication.name': `scratch_${suffix}`,
    'publication.autocreate.mode': 'disabled',
    'table.include.list': `public.scratch_outbox_${suffix}`,
    'snapshot.mode': 'no_data',
    'tombstones.on.delete': 'false',
    transforms: 'outbox',
    'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
    'transforms.outbox.route.topic.replacement': `scratch_${suffix}.\${routedByValue}.events`,
    'transforms.outbox.table.expand.json.payload': 'true',
    'transforms.outbox.table.fields.additional.placement':
      'type:header:eventType,traceparent:header:traceparent',
  };
}

describe('Kafka Connect with Debezium', () => {
  it('offers the Debezium PostgreSQL connector', async () => {
    const plugins = (await (await connect('/connector-plugins')).json()) as {
      class: string;
      version: string;
    }[];
    const postgres = plugins.find(
      (p) => p.class === 'io.debezium.connector.postgresql.PostgresConnector',
    );
    assert.ok(postgres, 'PostgresConnector is installed');
  });

  it('publishes a row inserted into an outbox table to a Kafka topic, keyed, with headers', async () => {
    const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
    const table = `scratch_outbox_${suffix}`;
    const name = `scratch-outbox-${suffix}`;
    const db = new Client({ connectionString: postgresUrl('order') });
    await db.connect();
    const kafka = new Kafka({
      clientId: 'connect-probe',
      brokers: [urls.kafkaBrokers],
      logLevel: logLevel.ERROR,
    });
    const consumer = kafka.consumer({ groupId: `probe-${suffix}` });
    try {
      await db.query(`create table ${table} (
        id uuid primary key, aggregatetype varchar(255) not null, aggregateid varchar(255) not null,
        type varchar(255) not null, payload jsonb not null, traceparent varchar(64))`);
      await db.query(`create publication scratch_${suffix} for table ${table}`);

      const created = await connect(`/connectors/${name}/config`, {
        method: 'PUT',
        body: JSON.stringify(scratchConnector(suffix)),
      });
      assert.equal(created.status, 201, await created.text());
      await waitFor(
        async () => {
          const status = (await (await connect(`/connectors/${name}/status`)).json()) as {
            connector: { state: string };
            tasks: { state: string }[];
          };
          return status.connector.state === 'RUNNING' && status.tasks[0]?.state === 'RUNNING';
        },
        { timeoutMs: 60_000, what: 'the connector to run' },
      );
      // With snapshot.mode=no_data only changes after the slot exists are captured.
      await waitFor(
        async () =>
          (
            await db.query('select active from pg_replication_slots where slot_name = $1', [
              `scratch_${suffix}`,
            ])
          ).rows[0]?.active === true,
        { timeoutMs: 60_000, what: 'the replication slot to be active' },
      );

      const topic = `scratch_${suffix}.probe.events`;
      const eventId = randomUUID();
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      await db.query(
        `insert into ${table} (id, aggregatetype, aggregateid, type, payload, traceparent) values ($1, 'probe', 'agg-1', 'probe.happened', $2, $3)`,
        [eventId, JSON.stringify({ answer: 42 }), traceparent],
      );

      // The broker would create the topic on Debezium's first write; creating it here lets the
      // consumer subscribe before that without racing the creation.
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await admin.disconnect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const message = await new Promise<{
        key: string;
        value: unknown;
        headers: Record<string, string>;
      }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message: m }) =>
            resolve({
              key: m.key?.toString() ?? '',
              value: JSON.parse(m.value?.toString() ?? 'null'),
              headers: Object.fromEntries(
                Object.entries(m.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
              ),
            }),
        });
      });
      assert.equal(message.key, 'agg-1');
      assert.deepEqual(message.value, { answer: 42 });
      assert.equal(message.headers['id'], eventId);
      assert.equal(message.headers['eventType'], 'probe.happened');
      assert.equal(message.headers['traceparent'], traceparent);
    } finally {
      await consumer.disconnect();
      await connect(`/connectors/${name}`, { method: 'DELETE' });
      const admin = kafka.admin();
      await admin.connect();
      await admin
        .deleteTopics({ topics: [`scratch_${suffix}.probe.events`] })
        .catch(() => undefined);
      await admin.disconnect();
      await dropSlotWhenReleased(`scratch_${suffix}`);
      await db.query(`drop publication if exists scratch_${suffix}`);
      await db.query(`drop table if exists ${table}`);
      await db.end();
    }
  });
});

/** The connector releases its slot shortly after deletion; a slot left behind would pin WAL forever. */
async function dropSlotWhenReleased(slot: string): Promise<void> {
  const cluster = postgresCluster('order');
  const cdc = new Client({
    host,
    port: cluster.port,
    database: cluster.database,
    user: cdcUser().user,
    password: cdcUser().password,
  });
  await cdc.connect();
  try {
    await waitFor(
      async () =>
        (await cdc.query('select active from pg_replication_slots where slot_name = $1', [slot]))
          .rows[0]?.active !== true,
      { timeoutMs: 30_000, what: `slot ${slot} to be released` },
    );
    await cdc.query(
      'select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1',
      [slot],
    );
  } finally {
    await cdc.end();
  }
}
