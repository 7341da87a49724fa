import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  host,
  postgresCluster,
  postgresSuperuser,
  postgresUrl,
  urls,
  waitFor,
} from '@orchard/stack';
import { Kafka, logLevel, Partitioners, type Consumer, type Message } from 'kafkajs';
import { Client } from 'pg';
import { Database } from '../database/database';
import { migrate } from '../database/migrate';
import { deadLetterHeaders } from './dead-letter';
import { register } from 'prom-client';
import { listDeadLetters, replayDeadLetters } from './dead-letters/dead-letter-records';
import { PoisonEventError } from './errors';
import type { HandlerRetryPolicy } from './handler-failures';
import { EventConsumer } from './event-consumer';
import { headersAsText } from './message-headers';
import type { EventHandler } from './process-message';

/**
 * A database of this spec's own on the read-model cluster: the read-model service's database
 * holds its own migrations, which this spec's migrate() would refuse as unknown files.
 */
const cluster = postgresCluster('readmodel');
const scratchDatabase = 'platform_spec';
const databaseUrl = postgresUrl(cluster.owner, { database: scratchDatabase });
const brokers = [urls.kafkaBrokers];
const runId = randomBytes(4).toString('hex');
const effectsTable = 'kafka_consumer_spec_effects';
// A fixed name: a run that died before cleaning up finds it applied and carries on.
const scratchMigration = '900_kafka_consumer_spec_effects';

const kafka = new Kafka({
  clientId: `event-consumer-spec-${runId}`,
  brokers,
  logLevel: logLevel.ERROR,
});
const admin = kafka.admin();
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
const consumers: EventConsumer[] = [];
const readers: Consumer[] = [];
const readerGroups: string[] = [];
const topics: string[] = [];
const fatalErrors: Error[] = [];
let database: Database;
let scratchDir: string;

/** A valid `stock.adjusted` event for `sku`; `onHand` doubles as its sequence number per SKU. */
function stockAdjusted(sku: string, onHand: number, id: string = randomUUID()) {
  return {
    id,
    occurredAt: new Date().toISOString(),
    type: 'stock.adjusted',
    version: 1,
    aggregateType: 'inventory',
    aggregateId: sku,
    data: { sku, delta: 1, reason: 'delivery', onHand },
  };
}

/** A message as the outbox router publishes it: keyed by aggregate id, id and type in headers. */
function asMessage(event: ReturnType<typeof stockAdjusted>): Message {
  return {
    key: event.aggregateId,
    value: JSON.stringify(event),
    headers: { id: event.id, eventType: event.type },
  };
}

async function newTopic(name: string, numPartitions = 3): Promise<string> {
  const topic = `platform-spec.${runId}.${name}`;
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  topics.push(topic);
  return topic;
}

/** The effect of every event: one row, so a duplicate or a gap shows. */
const recordEffect: EventHandler = async (event, { tx, topic }) => {
  if (event.type !== 'stock.adjusted') throw new PoisonEventError(`unexpected ${event.type}`);
  await tx.query(
    `insert into ${effectsTable} (topic, event_id, aggregate_id, on_hand) values ($1, $2, $3, $4)`,
    [topic, event.id, event.aggregateId, event.data.onHand],
  );
};

function newConsumer(
  topic: string,
  purpose: string,
  handle: EventHandler = recordEffect,
  partitionsConsumedConcurrently = 1,
  retries?: HandlerRetryPolicy,
): EventConsumer {
  const consumer = new EventConsumer({
    brokers,
    service: 'platform-spec',
    purpose: `${purpose}-${runId}`,
    topics: [topic],
    database,
    handle,
    partitionsConsumedConcurrently,
    ...(retries ? { retries } : {}),
    onFatalError: (error) => fatalErrors.push(error),
  });
  consumers.push(consumer);
  return consumer;
}

async function startConsumer(...args: Parameters<typeof newConsumer>): Promise<EventConsumer> {
  const consumer = newConsumer(...args);
  await consumer.start();
  return consumer;
}

interface Received {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Everything published to `topic`, as it arrives. */
async function readAll(topic: string): Promise<Received[]> {
  const received: Received[] = [];
  const groupId = `platform-spec.reader-${randomUUID()}`;
  const reader = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  readers.push(reader);
  readerGroups.push(groupId);
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      received.push({
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        headers: headersAsText(message.headers),
      });
    },
  });
  return received;
}

async function effects(topic: string) {
  return database.query<{ event_id: string; aggregate_id: string; on_hand: number }>(
    `select event_id, aggregate_id, on_hand from ${effectsTable} where topic = $1 order by id`,
    [topic],
  );
}

async function effectCount(topic: string): Promise<number> {
  return (await effects(topic)).length;
}

async function recorded(topic: string, eventId: string): Promise<boolean> {
  return (await effects(topic)).some((e) => e.event_id === eventId);
}

/** Created once, owned by the cluster's application role, kept for the next run. */
async function createScratchDatabase(): Promise<void> {
  const superuser = new Client({
    host,
    port: cluster.port,
    database: 'postgres',
    user: postgresSuperuser().user,
    password: postgresSuperuser().password,
  });
  await superuser.connect();
  try {
    const found = await superuser.query('select 1 from pg_database where datname = $1', [
      scratchDatabase,
    ]);
    if (found.rowCount === 0)
      await superuser.query(`create database ${scratchDatabase} owner ${cluster.appUser}`);
  } finally {
    await superuser.end();
  }
}

const until = (what: string, condition: () => Promise<boolean>) =>
  waitFor(condition, { timeoutMs: 60_000, intervalMs: 50, what });

describe('EventConsumer on the real Kafka and PostgreSQL', () => {
  before(async () => {
    scratchDir = await mkdtemp(join(tmpdir(), 'orchard-event-consumer-spec-'));
    await writeFile(
      join(scratchDir, `${scratchMigration}.sql`),
      `-- Up Migration
create table if not exists ${effectsTable} (
  id            bigserial primary key,
  topic         text not null,
  event_id      uuid not null,
  aggregate_id  text not null,
  on_hand       integer not null
);

-- Down Migration
drop table ${effectsTable};
`,
    );
    await createScratchDatabase();
    // Applies the platform's migrations (the inbox) before the scratch one.
    await migrate(databaseUrl, scratchDir);
    database = new Database(databaseUrl, { applicationName: 'event-consumer-spec' });
    await admin.connect();
    await producer.connect();
  });

  after(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await Promise.all(readers.map((reader) => reader.disconnect()));
    await producer.disconnect();
    const deadLetterTopics = consumers.flatMap((consumer) => [
      consumer.deadLetterTopic,
      consumer.replayTopic,
    ]);
    await admin.deleteTopics({ topics: [...new Set([...topics, ...deadLetterTopics])] });
    const groups = [...new Set(consumers.map((consumer) => consumer.groupId))];
    await admin.deleteGroups([...groups, ...readerGroups]);
    await admin.disconnect();
    await database.query('delete from inbox where consumer = any($1::text[])', [groups]);
    await database.query(`drop table if exists ${effectsTable}`);
    await database.query('delete from schema_migrations where name = $1', [scratchMigration]);
    await database.close();
    await rm(scratchDir, { recursive: true, force: true });
  });

  it('records each event once, even when it is delivered twice', async () => {
    const topic = await newTopic('dedupe');
    const sku = `SKU-${runId}`;
    const first = stockAdjusted(sku, 1);
    const last = stockAdjusted(sku, 2);
    // Same key, same partition: once `last` is recorded, the duplicate has been seen.
    await producer.send({ topic, messages: [first, first, last].map(asMessage) });

    const consumer = await startConsumer(topic, 'dedupe');
    await until('the last event', () => recorded(topic, last.id));

    assert.deepEqual(
      (await effects(topic)).map((e) => e.event_id),
      [first.id, last.id],
    );
    const [inbox] = await database.query<{ n: number }>(
      'select count(*)::int as n from inbox where consumer = $1',
      [consumer.groupId],
    );
    assert.equal(inbox?.n, 2);
    assert.deepEqual(fatalErrors, []);
  });

  it('dead-letters what it cannot process, with the reason, and carries on', async () => {
    const topic = await newTopic('dead-letters', 1);
    const sku = `SKU-${runId}`;
    const refused = {
      ...stockAdjusted(sku, 3),
      type: 'shipment.cancelled',
      aggregateType: 'shipment',
      data: { orderId: randomUUID() },
    };
    const valid = stockAdjusted(sku, 4);
    const headers = { id: randomUUID(), eventType: 'stock.adjusted', traceparent: 'x' };
    const sent = await producer.send({
      topic,
      messages: [
        { key: sku, value: '{"id": "half an event', headers },
        asMessage({ ...stockAdjusted(sku, 1), version: 99 }),
        // Valid for the contracts, refused by the handler.
        { key: sku, value: JSON.stringify(refused), headers },
        asMessage(valid),
      ],
    });
    const firstOffset = Number(sent[0]?.baseOffset);

    const consumer = await startConsumer(topic, 'dead-letters', async (event, context) => {
      if (event.type === 'stock.adjusted') return recordEffect(event, context);
      // What the handler did before refusing must not survive the refusal.
      await context.tx.query(
        `insert into ${effectsTable} (topic, event_id, aggregate_id, on_hand) values ($1, $2, $3, -1)`,
        [context.topic, event.id, event.aggregateId],
      );
      throw new PoisonEventError(`${event.type} is not for this consumer`);
    });
    const deadLetters = await readAll(consumer.deadLetterTopic);
    await until('three dead letters', async () => deadLetters.length >= 3);
    await until('the valid event after them', () => recorded(topic, valid.id));

    assert.deepEqual(
      deadLetters.map((letter) => [
        letter.headers[deadLetterHeaders.reason],
        letter.headers[deadLetterHeaders.sourceTopic],
        letter.headers[deadLetterHeaders.sourcePartition],
        letter.headers[deadLetterHeaders.sourceOffset],
        letter.key,
      ]),
      [
        ['not-json', topic, '0', String(firstOffset), sku],
        ['unknown-version', topic, '0', String(firstOffset + 1), sku],
        ['poison-event', topic, '0', String(firstOffset + 2), sku],
      ],
    );
    assert.equal(deadLetters[0]?.value, '{"id": "half an event');
    assert.equal(deadLetters[0]?.headers['traceparent'], 'x');
    assert.match(deadLetters[1]?.headers[deadLetterHeaders.detail] ?? '', /no version 99/);
    assert.equal(deadLetters[2]?.value, JSON.stringify(refused));
    assert.deepEqual(
      (await effects(topic)).map((e) => e.event_id),
      [valid.id],
    );
    assert.deepEqual(fatalErrors, []);
  });

  it('retries a failed event until it succeeds, without skipping or repeating it', async () => {
    const topic = await newTopic('transient', 1);
    const sku = `SKU-${runId}`;
    const failing = stockAdjusted(sku, 1);
    const next = stockAdjusted(sku, 2);
    await producer.send({ topic, messages: [failing, next].map(asMessage) });

    let attempts = 0;
    await startConsumer(topic, 'transient', async (event, context) => {
      await recordEffect(event, context);
      // A TypeError on its own would make kafkajs give up on the partition for good.
      if (event.id === failing.id && ++attempts < 3) throw new TypeError('a passing fault');
    });
    await until('the event after the failing one', () => recorded(topic, next.id));

    assert.equal(attempts, 3);
    assert.deepEqual(
      (await effects(topic)).map((e) => e.event_id),
      [failing.id, next.id],
    );
    assert.deepEqual(fatalErrors, []);
  });

  it('retries an infrastructure fault past the bound of other failures, for as long as it lasts', async () => {
    const topic = await newTopic('infrastructure-fault', 1);
    const event = stockAdjusted(`SKU-${runId}`, 1);
    await producer.send({ topic, messages: [asMessage(event)] });

    let attempts = 0;
    const consumer = await startConsumer(
      topic,
      'infrastructure-fault',
      async (received, context) => {
        // What PostgreSQL says of a serialization failure: transient, whatever the count.
        if (++attempts <= 4)
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        await recordEffect(received, context);
      },
      1,
      { attempts: 2, firstBackoffMs: 10 },
    );
    await until('the event, once the fault has passed', () => recorded(topic, event.id));

    assert.equal(attempts, 5);
    assert.deepEqual(await listDeadLetters(kafka, consumer.groupId), []);
    assert.deepEqual(fatalErrors, []);
  });

  it('dead-letters an event whose handler keeps failing, moves on, and replays it once fixed', async () => {
    const topic = await newTopic('keeps-failing', 1);
    const sku = `SKU-${runId}`;
    const failing = stockAdjusted(sku, 1);
    const next = stockAdjusted(sku, 2);
    await producer.send({ topic, messages: [failing, next].map(asMessage) });

    let fixed = false;
    let attempts = 0;
    const consumer = await startConsumer(
      topic,
      'keeps-failing',
      async (event, context) => {
        // Under the source topic, also when it comes back through the replay topic.
        await recordEffect(event, { ...context, topic });
        if (event.id === failing.id && !fixed) {
          attempts += 1;
          // A bug: the kind of failure no number of retries cures.
          const missing = undefined as unknown as { onHand: number };
          await context.tx.query('select $1::int', [missing.onHand]);
        }
      },
      1,
      { attempts: 3, firstBackoffMs: 10 },
    );
    // Ends early should the event be tried past its bound instead of dead-lettered.
    await until(
      'the event after the failing one',
      async () => attempts > 3 || (await recorded(topic, next.id)),
    );

    assert.equal(attempts, 3);
    assert.ok(await recorded(topic, next.id));
    assert.deepEqual(
      (await effects(topic)).map((e) => e.event_id),
      [next.id],
      'the failed attempts left nothing behind',
    );
    const [letter, ...others] = await listDeadLetters(kafka, consumer.groupId);
    assert.equal(others.length, 0);
    assert.equal(letter?.reason, 'handler-failed');
    assert.equal(letter?.eventId, failing.id);
    assert.match(
      letter?.detail ?? '',
      /^failed 3 times: TypeError: Cannot read properties of undefined/,
    );
    const counted = (await register.getSingleMetric('orchard_dead_letters_total')?.get())?.values;
    assert.equal(
      counted?.find((v) => v.labels['group'] === consumer.groupId)?.value,
      1,
      'the dead letter is counted under its group and reason',
    );

    fixed = true;
    assert.deepEqual(await replayDeadLetters(kafka, consumer.groupId), [letter?.position]);
    await until('the replayed event', () => recorded(topic, failing.id));
    // A second replay of the same letter: the inbox has it, nothing more happens.
    await replayDeadLetters(kafka, consumer.groupId);
    const [{ n } = { n: 0 }] = await database.query<{ n: number }>(
      `select count(*)::int as n from inbox i where consumer = $1 and event_id = $2`,
      [consumer.groupId, failing.id],
    );
    assert.equal(n, 1);
    await until('the second replay to be read', async () => {
      const [offsets] = await admin.fetchOffsets({
        groupId: consumer.groupId,
        topics: [consumer.replayTopic],
      });
      return (
        (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) >= 2
      );
    });
    assert.deepEqual(
      (await effects(topic)).map((e) => e.event_id),
      [next.id, failing.id],
    );
    assert.deepEqual(fatalErrors, []);
  });

  it('picks up where it stopped: the rest once, no duplicates, no gaps', async () => {
    const topic = await newTopic('restart');
    const skus = ['A', 'B'].map((s) => `SKU-${runId}-${s}`);
    const perSku = 10;
    await producer.send({
      topic,
      messages: Array.from({ length: perSku }, (_, i) =>
        skus.map((sku) => asMessage(stockAdjusted(sku, i + 1))),
      ).flat(),
    });

    let handled = 0;
    let stopping: Promise<void> | undefined;
    const first = newConsumer(topic, 'restart', async (event, context) => {
      await recordEffect(event, context);
      // Stops from inside, mid-stream: this message completes, the next ones wait.
      if (++handled === 5) stopping = first.stop();
    });
    await first.start();
    await until('the first consumer to stop', async () => stopping !== undefined);
    await stopping;
    const handledBeforeStop = await effectCount(topic);
    assert.ok(
      handledBeforeStop >= 5 && handledBeforeStop < skus.length * perSku,
      `stopped after ${handledBeforeStop}`,
    );

    await startConsumer(topic, 'restart');
    await until('every event', async () => (await effectCount(topic)) >= skus.length * perSku);

    const all = await effects(topic);
    assert.equal(all.length, skus.length * perSku);
    for (const sku of skus) {
      assert.deepEqual(
        all.filter((e) => e.aggregate_id === sku).map((e) => e.on_hand),
        Array.from({ length: perSku }, (_, i) => i + 1),
      );
    }
    assert.deepEqual(fatalErrors, []);
  });

  it('keeps the order of each key across partitions processed concurrently', async () => {
    const topic = await newTopic('ordering');
    const skus = ['A', 'B', 'C', 'D', 'E'].map((s) => `SKU-${runId}-${s}`);
    const perSku = 20;
    const messages = Array.from({ length: perSku }, (_, i) =>
      skus.map((sku) => asMessage(stockAdjusted(sku, i + 1))),
    ).flat();
    // Half before the consumer starts, half while it runs.
    await producer.send({ topic, messages: messages.slice(0, messages.length / 2) });
    await startConsumer(topic, 'ordering', recordEffect, 3);
    await producer.send({ topic, messages: messages.slice(messages.length / 2) });
    await until('every event', async () => (await effectCount(topic)) >= messages.length);

    const all = await effects(topic);
    assert.equal(all.length, messages.length);
    for (const sku of skus) {
      assert.deepEqual(
        all.filter((e) => e.aggregate_id === sku).map((e) => e.on_hand),
        Array.from({ length: perSku }, (_, i) => i + 1),
        `the events of ${sku} in production order`,
      );
    }
    assert.deepEqual(fatalErrors, []);
  });

  it('starts and stops with the Nest application it is a provider of', async () => {
    const topic = await newTopic('nest', 1);
    const event = stockAdjusted(`SKU-${runId}`, 1);
    await producer.send({ topic, messages: [asMessage(event)] });

    @Module({})
    class ConsumingModule {}
    const app = await NestFactory.createApplicationContext(
      {
        module: ConsumingModule,
        providers: [{ provide: EventConsumer, useFactory: () => newConsumer(topic, 'nest') }],
      },
      { logger: false },
    );
    const consumer = app.get(EventConsumer);
    await app.init();
    assert.equal(consumer.isRunning, true);
    await until('the event', () => recorded(topic, event.id));
    await app.close();
    assert.equal(consumer.isRunning, false);
  });
});
