import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { waitFor } from '@orchard/stack';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { percentiles } from '../stats';
import type { ClientUnderTest, Received } from './client-under-test';

const keys = 300;
const padding = 'x'.repeat(300);

export interface ClientFigures {
  client: string;
  consumedPerSecond: number;
  cpuMicrosPerMessage: number;
  latencyMs: Record<string, number>;
  /** A key's message that came before one produced earlier: must be 0. */
  orderViolations: number;
  rebalance: { duplicates: number; lost: number; longestPauseMs: number };
}

/** What a handler learns from the messages it is given: counts, order, gaps. */
class Tally {
  readonly seen = new Set<number>();
  received = 0;
  duplicates = 0;
  orderViolations = 0;
  longestPauseMs = 0;
  readonly latencies: number[] = [];
  private readonly lastSeqOfKey = new Map<string, number>();
  private lastAt = 0;

  handle = ({ key, value }: Received): void => {
    const now = performance.now();
    const { seq, sentAt } = JSON.parse(value.toString()) as { seq: number; sentAt: number };
    if (this.lastAt > 0) this.longestPauseMs = Math.max(this.longestPauseMs, now - this.lastAt);
    this.lastAt = now;
    this.received += 1;
    if (this.seen.has(seq)) this.duplicates += 1;
    else if ((this.lastSeqOfKey.get(key) ?? -1) > seq) this.orderViolations += 1;
    this.seen.add(seq);
    this.lastSeqOfKey.set(key, Math.max(seq, this.lastSeqOfKey.get(key) ?? -1));
    if (sentAt > 0) this.latencies.push(now - sentAt);
  };
}

async function produce(producer: Producer, topic: string, from: number, count: number) {
  for (let start = from; start < from + count; start += 1000) {
    const messages = [];
    for (let seq = start; seq < Math.min(start + 1000, from + count); seq++)
      messages.push({
        key: `key-${seq % keys}`,
        value: JSON.stringify({ seq, sentAt: 0, padding }),
      });
    await producer.send({ topic, messages });
  }
}

/** `count` messages one at a time at `perSecond`, each stamped with when it was sent. */
async function produceTimed(
  producer: Producer,
  topic: string,
  from: number,
  count: number,
  perSecond: number,
) {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const seq = from + i;
    const value = JSON.stringify({ seq, sentAt: performance.now(), padding });
    await producer.send({ topic, messages: [{ key: `key-${seq % keys}`, value }] });
  }
}

async function newTopic(admin: Admin, name: string): Promise<string> {
  await admin.createTopics({ topics: [{ topic: name, numPartitions: 3 }], waitForLeaders: true });
  return name;
}

const until = (what: string, done: () => boolean) =>
  waitFor(async () => done(), { timeoutMs: 120_000, intervalMs: 10, what });

/**
 * One client: consume throughput and CPU on `messages` waiting in a topic, produce-to-handler
 * latency at `latencyRate`/s, and a rebalance (a second member joins a third of the way in).
 */
export async function measureClient(
  client: ClientUnderTest,
  brokers: string[],
  messages = 30_000,
  latencyRate = 100,
): Promise<ClientFigures> {
  const runId = randomBytes(3).toString('hex');
  const kafka = new Kafka({ clientId: `bench-${runId}`, brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  const topics: string[] = [];
  const groups: string[] = [];
  try {
    // Throughput and CPU: everything waiting before the consumer starts.
    const topic = await newTopic(admin, `bench.clients.${runId}`);
    topics.push(topic);
    await produce(producer, topic, 0, messages);
    const tally = new Tally();
    groups.push(`bench.clients.${runId}.throughput`);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const stop = await client.consume(topic, groups[0] ?? '', tally.handle);
    await until('every message', () => tally.seen.size >= messages);
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = process.cpuUsage(cpuBefore);

    // Latency: the same consumer, messages sent one by one.
    const latencyCount = latencyRate * 10;
    await produceTimed(producer, topic, messages, latencyCount, latencyRate);
    await until('the timed messages', () => tally.seen.size >= messages + latencyCount);
    await stop();

    // Rebalance: a second member of the group joins while the first consumes.
    const rebalanceTopic = await newTopic(admin, `bench.clients.${runId}.rebalance`);
    topics.push(rebalanceTopic);
    await produce(producer, rebalanceTopic, 0, messages);
    const shared = new Tally();
    const group = `bench.clients.${runId}.rebalance`;
    groups.push(group);
    const stopFirst = await client.consume(rebalanceTopic, group, shared.handle);
    await until('a third', () => shared.seen.size >= messages / 3);
    const stopSecond = await client.consume(rebalanceTopic, group, shared.handle);
    await until('the rest', () => shared.seen.size >= messages);
    await Promise.all([stopFirst(), stopSecond()]);

    return {
      client: client.name,
      consumedPerSecond: Math.round(messages / seconds),
      cpuMicrosPerMessage: Number(((cpu.user + cpu.system) / messages).toFixed(1)),
      latencyMs: percentiles(tally.latencies),
      orderViolations: tally.orderViolations + shared.orderViolations,
      rebalance: {
        duplicates: shared.duplicates,
        lost: messages - shared.seen.size,
        longestPauseMs: Math.round(shared.longestPauseMs),
      },
    };
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.disconnect();
  }
}
