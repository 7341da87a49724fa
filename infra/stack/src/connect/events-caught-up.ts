import { Kafka, logLevel } from 'kafkajs';
import { progress } from '../progress';
import { urls } from '../topology';
import { waitFor } from '../wait';

/**
 * Over every topic the stable consumer groups commit on: the events they have yet to process,
 * and how many events the topics hold in all (it grows while anything publishes).
 */
async function eventBacklog(): Promise<{ behind: number; published: number }> {
  const admin = new Kafka({
    clientId: 'stack-catch-up',
    brokers: [urls.kafkaBrokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const stable = (await admin.describeGroups(groups.map((g) => g.groupId))).groups
      .filter((g) => g.state === 'Stable' && g.protocolType === 'consumer')
      .map((g) => g.groupId);
    let behind = 0;
    let published = 0;
    const ends = new Map<string, Map<number, number>>();
    for (const groupId of stable) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        if (!ends.has(topic)) {
          const offsets = await admin.fetchTopicOffsets(topic);
          ends.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
          published += offsets.reduce((sum, o) => sum + Number(o.high), 0);
        }
        for (const { partition, offset } of partitions)
          if (Number(offset) >= 0)
            behind += Math.max(0, (ends.get(topic)?.get(partition) ?? 0) - Number(offset));
      }
    }
    return { behind, published };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the system is quiet: the consumers have processed every event, and nothing was
 * published for three checks in a row (the connectors are done too). After a switch of
 * profile, the connectors republish the outboxes into that profile's Kafka and the consumers
 * work through them (deduplicated by their inboxes); a test or a benchmark that started
 * meanwhile would share the machine with that catching up.
 */
export async function untilEventsCaughtUp(timeoutMs = 600_000): Promise<void> {
  let quietChecks = 0;
  let lastPublished = -1;
  let lastBehind = -1;
  await waitFor(
    async () => {
      const { behind, published } = await eventBacklog();
      if (behind !== lastBehind && behind > 0)
        progress.step(`consumers catching up: ${behind} events`);
      quietChecks = behind === 0 && published === lastPublished ? quietChecks + 1 : 0;
      lastBehind = behind;
      lastPublished = published;
      return quietChecks >= 3;
    },
    { timeoutMs, intervalMs: 2_000, what: 'the consumers to process every event' },
  );
}
