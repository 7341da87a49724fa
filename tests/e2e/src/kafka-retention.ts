import { eventTopics } from '@orchard/contracts';
import { urls } from '@orchard/stack';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** The committed offset of every active group that consumes `topic`, per partition. */
async function committedByActiveGroups(admin: Admin, topic: string) {
  const { groups } = await admin.listGroups();
  const described = await admin.describeGroups(groups.map((g) => g.groupId));
  const active = described.groups.filter((g) => g.state === 'Stable').map((g) => g.groupId);
  const committed: Map<number, bigint>[] = [];
  for (const groupId of active) {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const partitions = offsets?.partitions ?? [];
    if (partitions.every((p) => Number(p.offset) < 0)) continue; // not a consumer of it
    committed.push(new Map(partitions.map((p) => [p.partition, BigInt(p.offset)])));
  }
  return committed;
}

/**
 * What the topics' retention would do to the events, now: deletes from the five event topics
 * every event that each active consumer group has committed past, so no running consumer
 * misses one. Returns how many events left the topics.
 */
export async function removeConsumedEvents(): Promise<number> {
  const admin = new Kafka({
    clientId: 'e2e-retention',
    brokers: [urls.kafkaBrokers],
    logLevel: logLevel.ERROR,
  }).admin();
  await admin.connect();
  let removed = 0n;
  try {
    for (const topic of eventTopics) {
      const groups = await committedByActiveGroups(admin, topic);
      const partitions = [];
      for (const { partition, low } of await admin.fetchTopicOffsets(topic)) {
        // A group without a committed offset on a partition may not have read it yet.
        const offsets = groups.map((g) => g.get(partition) ?? -1n);
        if (groups.length === 0 || offsets.some((o) => o < 0n)) continue;
        const upTo = offsets.reduce((a, b) => (a < b ? a : b));
        if (upTo <= BigInt(low)) continue;
        partitions.push({ partition, offset: String(upTo) });
        removed += upTo - BigInt(low);
      }
      if (partitions.length > 0) await admin.deleteTopicRecords({ topic, partitions });
    }
  } finally {
    await admin.disconnect();
  }
  return Number(removed);
}
