import { Counter, Gauge } from 'prom-client';

const consumerLag = new Gauge({
  name: 'orchard_consumer_lag_messages',
  help: 'Messages a consumer group has yet to process, per topic partition, after its last batch.',
  labelNames: ['group', 'topic', 'partition'] as const,
});

export function recordConsumerLag(
  group: string,
  topic: string,
  partition: number,
  lag: number,
): void {
  consumerLag.set({ group, topic, partition: String(partition) }, lag);
}

const deadLetters = new Counter({
  name: 'orchard_dead_letters_total',
  help: 'Messages a consumer group dead-lettered, by reason: each needs a person to look at it.',
  labelNames: ['group', 'reason'] as const,
});

export function recordDeadLetter(group: string, reason: string): void {
  deadLetters.inc({ group, reason });
}
