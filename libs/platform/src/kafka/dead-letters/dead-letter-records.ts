import type { Kafka, Message } from 'kafkajs';
import { deadLetterTopicOf, replayTopicOf } from '../consumer-names';
import { deadLetterHeaders } from '../dead-letter';
import { headersAsText } from '../message-headers';
import { readTopicToEnd, type TopicRecord } from './read-topic';

const deadLetterPrefix = deadLetterTopicOf('');

/** One dead letter, as an operator looks at it. */
export interface DeadLetter {
  group: string;
  /** Where it is in the dead-letter topic: `partition:offset`, how replay names it. */
  position: string;
  deadLetteredAt: string;
  reason: string;
  detail: string;
  source: string;
  eventType?: string;
  eventId?: string;
  key?: string;
}

/** `replayed-from`: the dead letter a replayed message came from. */
export const replayedFromHeader = 'replayed-from';

/** The consumer groups that have a dead-letter topic. */
export async function groupsWithDeadLetters(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics())
      .filter((topic) => topic.startsWith(deadLetterPrefix))
      .map((topic) => topic.slice(deadLetterPrefix.length))
      .sort();
  } finally {
    await admin.disconnect();
  }
}

function asDeadLetter(group: string, { partition, message }: TopicRecord): DeadLetter {
  const headers = headersAsText(message.headers);
  const key = message.key?.toString();
  return {
    group,
    position: `${partition}:${message.offset}`,
    deadLetteredAt: new Date(Number(message.timestamp)).toISOString(),
    reason: headers[deadLetterHeaders.reason] ?? 'unknown',
    detail: headers[deadLetterHeaders.detail] ?? '',
    source: `${headers[deadLetterHeaders.sourceTopic]}[${headers[deadLetterHeaders.sourcePartition]}]@${headers[deadLetterHeaders.sourceOffset]}`,
    ...(headers['eventType'] ? { eventType: headers['eventType'] } : {}),
    ...(headers['id'] ? { eventId: headers['id'] } : {}),
    ...(key ? { key } : {}),
  };
}

/** The dead letters of `group`, oldest first in each partition. */
export async function listDeadLetters(kafka: Kafka, group: string): Promise<DeadLetter[]> {
  const records = await readTopicToEnd(kafka, deadLetterTopicOf(group));
  return records.map((record) => asDeadLetter(group, record));
}

/** The message as it was before it was dead-lettered, marked with where it was replayed from. */
function replayOf({ topic, partition, message }: TopicRecord): Message {
  const dropped = new Set<string>(Object.values(deadLetterHeaders));
  const headers = Object.fromEntries(
    Object.entries(headersAsText(message.headers)).filter(([name]) => !dropped.has(name)),
  );
  return {
    key: message.key,
    value: message.value,
    headers: { ...headers, [replayedFromHeader]: `${topic}[${partition}]@${message.offset}` },
  };
}

/**
 * Sends dead letters of `group` back to it, through its replay topic that no other group reads.
 * `positions` (`partition:offset`) chooses some; by default all. Replaying twice is harmless:
 * the group's inbox skips an event it has already handled. Returns the positions replayed.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  group: string,
  positions?: readonly string[],
): Promise<string[]> {
  const records = await readTopicToEnd(kafka, deadLetterTopicOf(group));
  const wanted = positions ? new Set(positions) : undefined;
  const chosen = records.filter(
    ({ partition, message }) => !wanted || wanted.has(`${partition}:${message.offset}`),
  );
  const missing = [...(wanted ?? [])].filter(
    (position) => !chosen.some((r) => `${r.partition}:${r.message.offset}` === position),
  );
  if (missing.length > 0)
    throw new Error(`no dead letter of ${group} at ${missing.join(', ')} (see list)`);
  if (chosen.length === 0) return [];
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: replayTopicOf(group), messages: chosen.map(replayOf) });
  } finally {
    await producer.disconnect();
  }
  return chosen.map(({ partition, message }) => `${partition}:${message.offset}`);
}
