import { Kafka, logLevel } from 'kafkajs';
import { progress } from '../progress';
import { urls } from '../topology';
import { waitFor } from '../wait';

/** Events the stable consumer groups have yet to process, over every topic they commit on. */
async function unprocessedEvents(): Promise<number> {
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
    const ends = new Map<string, Map<number, number>>();
    for (const groupId of stable) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        if (!ends.has(topic)) {
          const offsets = await admin.fetchTopicOffsets(topic);
          ends.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
        }
        for (const { partition, offset } of partitions)
          if (Number(offset) >= 0)
            behind += Math.max(0, (ends.get(topic)?.get(partition) ?? 0) - Number(offset));
      }
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the consumers have processed every event on the topics, twice in a row: after a
 * switch of profile, the connectors republish the outboxes into that profile's Kafka and the
 * consumers work through them (deduplicated by their inboxes). A test or a benchmark that
 * started meanwhile would share the machine with that catching up.
 */
export async function untilEventsCaughtUp(timeoutMs = 600_000): Promise<void> {
  let caughtUpOnce = false;
  let last = -1;
  await waitFor(
    async () => {
      const behind = await unprocessedEvents();
      if (behind !== last && behind > 0) progress.step(`consumers catching up: ${behind} events`);
      last = behind;
      const done = behind === 0 && caughtUpOnce;
      caughtUpOnce = behind === 0;
      return done;
    },
    { timeoutMs, intervalMs: 3_000, what: 'the consumers to process every event' },
  );
}
