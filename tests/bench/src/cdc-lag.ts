import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { topicOf } from '@orchard/contracts';
import { Database } from '@orchard/platform/database';
import { appendToOutbox } from '@orchard/platform/outbox';
import { postgresUrl, urls } from '@orchard/stack';
import { percentiles, sleep } from './stats';

interface Timings {
  committedAt: number;
  consumedAt?: number;
  viewedAt?: number;
}

/**
 * Commit → consumed → view updated, for `order.placed` events committed to the order
 * service's outbox at a fixed rate (the outbox traffic of that many orders per second).
 * Consumed: a consumer of this benchmark sees the event on Kafka. View updated: the
 * read-model service's order summary for it exists.
 */
export async function measureCdcLag(options: {
  perSecond: number;
  durationMs: number;
  viewQuery: string;
}) {
  const database = new Database(postgresUrl('order'), { max: 8 });
  const views = new PgClient({ connectionString: postgresUrl('readmodel') });
  await views.connect();
  const kafka = new Kafka({
    clientId: 'cdc-lag-bench',
    brokers: [urls.kafkaBrokers],
    logLevel: logLevel.ERROR,
  });
  const consumer = kafka.consumer({ groupId: `bench.cdc-lag.${randomUUID()}` });
  const timings = new Map<string, Timings>();
  await consumer.connect();
  await consumer.subscribe({ topic: topicOf('order'), fromBeginning: false });
  // Events count only once the consumer has joined its group and holds its partitions.
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const timing = timings.get(message.key?.toString() ?? '');
      if (timing && timing.consumedAt === undefined) timing.consumedAt = Date.now();
    },
  });
  await joined;
  const customerId = randomUUID();
  const count = Math.floor((options.perSecond * options.durationMs) / 1000);
  const start = performance.now();
  const viewPoller = pollViews(views, options.viewQuery, timings);
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await sleep(Math.max(0, start + (i * 1000) / options.perSecond - performance.now()));
      const orderId = randomUUID();
      await database.transaction((tx) =>
        appendToOutbox(tx, {
          type: 'order.placed',
          version: 1,
          aggregateType: 'order',
          aggregateId: orderId,
          data: { orderId, customerId, items: [{ sku: 'BENCH-CDC', quantity: 1 }] },
        }),
      );
      timings.set(orderId, { committedAt: Date.now() });
    }),
  );
  const settleUntil = Date.now() + 30_000;
  while ([...timings.values()].some((t) => t.viewedAt === undefined) && Date.now() < settleUntil)
    await sleep(100);
  viewPoller.stop();
  await consumer.disconnect();
  await views.end();
  await database.close();
  const all = [...timings.values()];
  const lag = (pick: (t: Timings) => number | undefined) =>
    percentiles(
      all.flatMap((t) => (pick(t) === undefined ? [] : [(pick(t) as number) - t.committedAt])),
    );
  return {
    events: count,
    perSecond: options.perSecond,
    commitToConsumedMs: lag((t) => t.consumedAt),
    commitToViewMs: lag((t) => t.viewedAt),
    neverConsumed: all.filter((t) => t.consumedAt === undefined).length,
    neverInView: all.filter((t) => t.viewedAt === undefined).length,
  };
}

/** Every 20 ms, one query for the orders not yet seen in the read model's view. */
function pollViews(views: PgClient, query: string, timings: Map<string, Timings>) {
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const pending = [...timings.entries()]
        .filter(([, t]) => t.viewedAt === undefined)
        .map(([id]) => id);
      if (pending.length) {
        const { rows } = await views.query<{ id: string }>(query, [pending]);
        const now = Date.now();
        for (const { id } of rows) {
          const timing = timings.get(id);
          if (timing) timing.viewedAt = now;
        }
      }
      await sleep(20);
    }
  })();
  return { stop: () => (stopped = true) };
}
