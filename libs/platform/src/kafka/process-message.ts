import { parseEvent, type OrchardEvent } from '@orchard/contracts';
import type { EachMessagePayload, Message } from 'kafkajs';
import type { Database, Transaction } from '../database/database';
import { orderIdIn, withOrderId } from '../logging/log-context';
import { inConsumerSpan } from './consumer-span';
import { deadLetterOf, type DeadLetterReason } from './dead-letter';
import { PoisonEventError, TransientEventError } from './errors';
import { claimInInbox } from './inbox';
import { headersAsText } from './message-headers';

export interface EventContext {
  /** The transaction the event is recorded in: do the effect in it, or it is not exactly once. */
  tx: Transaction;
  topic: string;
  partition: number;
  offset: string;
  headers: Record<string, string>;
}

export type EventHandler = (event: OrchardEvent, context: EventContext) => Promise<void>;

export interface MessageProcessor {
  /** The consumer group: the name its events are recorded under in the inbox. */
  consumer: string;
  database: Database;
  handle: EventHandler;
  sendToDeadLetter: (message: Message) => Promise<void>;
}

export type MessageOutcome =
  | { outcome: 'handled' | 'duplicate'; event: OrchardEvent }
  | { outcome: 'dead-lettered'; reason: DeadLetterReason; detail: string };

type Delivery = Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>;

/**
 * What happens to one message. A message that is not a valid event, and an event the handler
 * refuses as poison, go to the dead-letter topic. A valid event is recorded in the inbox and
 * handled in one transaction, or skipped if the inbox has it already. Any other failure throws
 * a TransientEventError: the offset stays where it is and kafkajs delivers the message again.
 * Returning means the outcome is durable, so its offset may be committed.
 */
export async function processMessage(
  delivery: Delivery,
  processor: MessageProcessor,
): Promise<MessageOutcome> {
  try {
    return await processOnce(delivery, processor);
  } catch (error) {
    const { topic, partition, message } = delivery;
    throw new TransientEventError(
      `${topic}[${partition}] offset ${message.offset} failed and will be retried: ${String(error)}`,
      error,
    );
  }
}

async function processOnce(delivery: Delivery, processor: MessageProcessor) {
  const parsed = parseEvent(delivery.message.value);
  if (!parsed.ok) return deadLetter(delivery, processor, parsed.reason, parsed.detail);
  try {
    return await handleInTransaction(delivery, processor, parsed.event);
  } catch (error) {
    if (!(error instanceof PoisonEventError)) throw error;
    return deadLetter(delivery, processor, 'poison-event', error.message);
  }
}

function handleInTransaction(
  { topic, partition, message }: Delivery,
  { consumer, database, handle }: MessageProcessor,
  event: OrchardEvent,
): Promise<MessageOutcome> {
  const headers = headersAsText(message.headers);
  const orderId = orderIdOf(event);
  const attributes = {
    'messaging.destination.name': topic,
    'orchard.event.type': event.type,
    ...(orderId ? { 'order.id': orderId } : {}),
  };
  const handleOnce = () =>
    database.transaction(async (tx): Promise<MessageOutcome> => {
      if (!(await claimInInbox(tx, consumer, event.id))) return { outcome: 'duplicate', event };
      await handle(event, { tx, topic, partition, offset: message.offset, headers });
      return { outcome: 'handled', event };
    });
  return inConsumerSpan(`${consumer} handle ${event.type}`, headers, attributes, () =>
    orderId ? withOrderId(orderId, handleOnce) : handleOnce(),
  );
}

/** The order an event is about: its aggregate, or the order its data names. */
export function orderIdOf(event: OrchardEvent): string | undefined {
  return event.aggregateType === 'order' ? event.aggregateId : orderIdIn(event.data);
}

async function deadLetter(
  delivery: Delivery,
  processor: MessageProcessor,
  reason: DeadLetterReason,
  detail: string,
): Promise<MessageOutcome> {
  await processor.sendToDeadLetter(deadLetterOf(delivery, reason, detail));
  return { outcome: 'dead-lettered', reason, detail };
}
