import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { OrchardEvent, ShopMetrics } from '@orchard/contracts';
import { Database, migrate } from '@orchard/platform/database';
import { consumerGroupId, type EventConsumer } from '@orchard/platform/kafka';
import { scratchDatabase, urls, waitFor, type ScratchDatabase } from '@orchard/stack';
import { Kafka, type Admin, type Producer } from 'kafkajs';
import { migrationsDir } from '../app.module';
import { serviceName } from '../config';
import { shopMetricsConsumer } from './shop-metrics.consumer';
import { ShopMetricsRepository } from './shop-metrics.repository';

const brokers = [urls.kafkaBrokers];
const runId = randomUUID().slice(0, 8);
const time = (hhmmss: string) => `2026-05-04T${hhmmss}.000Z`;

/** One order event of the replay, on the partition its order would hash to. */
interface Replayed {
  partition: 0 | 1;
  event: OrchardEvent;
}

const ids = new Map<string, string>();
function orderIdOf(name: string): string {
  const known = ids.get(name);
  if (known) return known;
  const id = randomUUID();
  ids.set(name, id);
  return id;
}

function envelope(name: string, at: string) {
  return {
    id: randomUUID(),
    occurredAt: time(at),
    version: 1,
    aggregateType: 'order',
    aggregateId: orderIdOf(name),
  };
}
const placed = (partition: 0 | 1, name: string, at: string): Replayed => ({
  partition,
  event: {
    ...envelope(name, at),
    type: 'order.placed',
    data: {
      orderId: orderIdOf(name),
      customerId: randomUUID(),
      items: [{ sku: 'TEA', quantity: 1 }],
    },
  } as OrchardEvent,
});
const confirmed = (
  partition: 0 | 1,
  name: string,
  at: string,
  lines: [sku: string, quantity: number, unitPriceCents: number][],
): Replayed => ({
  partition,
  event: {
    ...envelope(name, at),
    type: 'order.confirmed',
    data: {
      orderId: orderIdOf(name),
      status: 'CONFIRMED',
      previousStatus: 'PENDING',
      reason: null,
      totalCents: lines.reduce((sum, [, quantity, price]) => sum + quantity * price, 0),
      lines: lines.map(([sku, quantity, unitPriceCents]) => ({
        sku,
        quantity,
        unitPriceCents,
        warehouse: 'north',
      })),
    },
  } as OrchardEvent,
});
const rejected = (partition: 0 | 1, name: string, at: string, cause: string): Replayed => ({
  partition,
  event: {
    ...envelope(name, at),
    type: 'order.rejected',
    data: {
      orderId: orderIdOf(name),
      status: 'REJECTED',
      previousStatus: 'PENDING',
      reason: `a step failed: ${cause}: details`,
    },
  } as OrchardEvent,
});

const confirmA = confirmed(0, 'A', '10:00:20', [['TEA', 2, 400]]);
const rejectB = rejected(1, 'B', '10:00:40', 'OutOfStock');

/**
 * Before the restart: two minutes of orders on two partitions, one of them out of order within
 * the lateness bound (D's confirmation, 40 s behind its partition's newest event).
 */
const firstRun: Replayed[] = [
  placed(0, 'A', '10:00:10'),
  confirmA,
  placed(0, 'C', '10:01:05'),
  confirmed(0, 'C', '10:01:06', [
    ['JAM', 1, 500],
    ['TEA', 1, 400],
  ]),
  placed(1, 'B', '10:00:30'),
  rejectB,
  placed(1, 'D', '10:02:30'),
  confirmed(1, 'D', '10:01:50', [['TEA', 3, 400]]),
];

/**
 * After it, read by two members of the group (a rebalance): two events delivered again, a
 * burst of rejections on partition 0 that raises the alert at F's confirmation (10 decisions,
 * 6 rejected), a quiet spell that clears it at K's, and on partition 1 an event three minutes
 * behind its partition: too late.
 */
const secondRun: Replayed[] = [
  confirmA,
  rejected(0, 'E1', '10:03:00', 'OutOfStock'),
  rejected(0, 'E2', '10:03:01', 'OutOfStock'),
  rejected(0, 'E3', '10:03:02', 'OutOfStock'),
  rejected(0, 'E4', '10:03:03', 'InsufficientFunds'),
  rejected(0, 'E5', '10:03:04', 'InsufficientFunds'),
  confirmed(0, 'F', '10:03:05', [['HONEY', 1, 300]]),
  rejected(0, 'E6', '10:03:06', 'OutOfStock'),
  confirmed(0, 'K', '10:08:00', [['HONEY', 2, 300]]),
  rejectB,
  placed(1, 'G', '10:05:00'),
  rejected(1, 'H', '10:02:00', 'OutOfStock'),
];

const pane = (
  minute: string,
  placedCount: number,
  confirmedCount: number,
  rejectedCount: number,
  revenueCents: number,
) => ({
  minute: time(`10:${minute}:00`),
  ordersPlaced: placedCount,
  ordersConfirmed: confirmedCount,
  ordersRejected: rejectedCount,
  revenueCents,
});

describe('live shop metrics from the order events, by event time', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topic = `read-model-spec.${runId}.order.events`;
  const purpose = `shop-metrics-spec-${runId}`;
  const consumers: EventConsumer[] = [];
  const raised: string[] = [];

  const newConsumer = () => {
    const consumer = shopMetricsConsumer({
      brokers,
      database,
      topic,
      purpose,
      onAlertRaised: (alertId) => raised.push(alertId),
      onFatalError: (error) => assert.fail(error),
    });
    consumers.push(consumer);
    return consumer;
  };

  const replay = (events: Replayed[]) =>
    producer.send({
      topic,
      messages: events.map(({ partition, event }) => ({
        partition,
        key: event.aggregateId,
        value: JSON.stringify(event),
        headers: { id: event.id, eventType: event.type },
      })),
    });

  /** Every distinct event of `events` recorded in the group's inbox. */
  const consumed = (events: Replayed[]) =>
    waitFor(
      async () => {
        const wanted = [...new Set(events.map(({ event }) => event.id))];
        const { 0: row } = await database.query<{ n: number }>(
          'select count(*)::integer as n from inbox where consumer = $1 and event_id = any($2)',
          [consumerGroupId(serviceName, purpose), wanted],
        );
        return row?.n === wanted.length;
      },
      { timeoutMs: 60_000, what: `${events.length} events consumed` },
    );

  before(async () => {
    scratch = await scratchDatabase('readmodel', 'shop_metrics');
    await migrate(scratch.url, migrationsDir);
    database = new Database(scratch.url, { max: 4 });
    kafka = new Kafka({ clientId: `shop-metrics-spec-${runId}`, brokers, logLevel: 0 });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    producer = kafka.producer();
    await producer.connect();
  });

  after(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
    await database?.pool.end();
    await scratch?.drop();
  });

  it('gives the exact windows of a known replay, across a restart, a rebalance, duplicates and a late event', async () => {
    await replay(firstRun);
    const first = newConsumer();
    await first.start();
    await consumed(firstRun);
    await first.stop();

    await replay(secondRun);
    await Promise.all([newConsumer().start(), newConsumer().start()]);
    await consumed(secondRun);

    const metrics: ShopMetrics = await new ShopMetricsRepository(database).metricsAt(
      new Date(time('10:08:30')),
    );
    const minutes = metrics.perMinute.filter(
      (m) => m.ordersPlaced + m.ordersConfirmed + m.ordersRejected > 0,
    );
    assert.deepEqual(minutes, [
      pane('00', 2, 1, 1, 800),
      // D's confirmation arrived after 10:02:30 on its partition, within the bound: counted here.
      pane('01', 1, 2, 0, 2_100),
      // H's rejection (10:02:00) came three minutes behind its partition: left out.
      pane('02', 1, 0, 0, 0),
      pane('03', 0, 1, 6, 300),
      pane('05', 1, 0, 0, 0),
      pane('08', 0, 1, 0, 600),
    ]);
    assert.equal(metrics.perMinute.length, 15);
    assert.equal(metrics.lateEvents, 1);
    assert.deepEqual(metrics.topProducts, {
      windowStart: time('09:39:00'),
      windowEnd: time('10:09:00'),
      products: [
        { sku: 'TEA', units: 6, revenueCents: 2_400 },
        { sku: 'HONEY', units: 3, revenueCents: 900 },
        { sku: 'JAM', units: 1, revenueCents: 500 },
      ],
    });

    const burst = await new ShopMetricsRepository(database).metricsAt(new Date(time('10:03:30')));
    assert.deepEqual(burst.rejections, {
      windowStart: time('09:59:00'),
      windowEnd: time('10:04:00'),
      decisions: 11,
      rejections: 7,
      rate: 7 / 11,
      threshold: 0.5,
      causes: [
        { cause: 'OutOfStock', rejections: 5 },
        { cause: 'InsufficientFunds', rejections: 2 },
      ],
    });

    // Raised once, at the decision that crossed the threshold; cleared by the quiet spell.
    assert.equal(raised.length, 1);
    assert.deepEqual(
      metrics.alerts.map(({ id, ...alert }) => ({ raised: raised.includes(id), ...alert })),
      [
        {
          raised: true,
          kind: 'rejection-rate',
          windowStart: time('09:59:00'),
          windowEnd: time('10:04:00'),
          rate: 0.6,
          threshold: 0.5,
          decisions: 10,
          rejections: 6,
          clearedAt: time('10:08:00'),
        },
      ],
    );
  });
});
