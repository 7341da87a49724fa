import type { EventRejection } from '@orchard/contracts';
import type { KafkaMessage, Message } from 'kafkajs';

/**
 * Why a message was dead-lettered: what parseEvent refused, a handler's PoisonEventError, or a
 * handler that kept failing with an error that is not transient.
 */
export type DeadLetterReason = EventRejection | 'poison-event' | 'handler-failed';

export const deadLetterHeaders = {
  reason: 'dead-letter-reason',
  detail: 'dead-letter-detail',
  sourceTopic: 'source-topic',
  sourcePartition: 'source-partition',
  sourceOffset: 'source-offset',
} as const;

export interface DeadLetterSource {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/**
 * The dead letter of a message: its key, value and headers untouched, so it can be replayed as
 * it was, plus why and where it came from. Headers without a value (Debezium's `traceparent`
 * when there was no span) are left out: kafkajs's producer cannot send them.
 */
export function deadLetterOf(
  { topic, partition, message }: DeadLetterSource,
  reason: DeadLetterReason,
  detail: string,
): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...Object.fromEntries(
        Object.entries(message.headers ?? {}).filter(([, value]) => value !== null),
      ),
      [deadLetterHeaders.reason]: reason,
      [deadLetterHeaders.detail]: detail,
      [deadLetterHeaders.sourceTopic]: topic,
      [deadLetterHeaders.sourcePartition]: String(partition),
      [deadLetterHeaders.sourceOffset]: message.offset,
    },
  };
}
