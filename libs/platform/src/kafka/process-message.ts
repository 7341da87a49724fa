import { parseEvent, type OrchardEvent } from '@orchard/contracts';
import type { EachMessagePayload, Message } from 'kafkajs';
import type { Database, Transaction } from '../database/database';
import { orderIdIn, withOrderId } from '../logging/log-context';
import { inConsumerSpan } from './consumer-span';
import { deadLetterOf, type DeadLetterReason } from './dead-letter';
import { PoisonEventError, TransientEventError } from './errors';
import {
  backoffAfter,
  defaultHandlerRetries,
  describeFailure,
  isTransientFailure,
  type HandlerRetryPolicy,
} from './handler-failures';
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
  /** How a failure that is not transient is retried before it is dead-lettered. */
  retries?: HandlerRetryPolicy;
}

export type MessageOutcome =
  | { outcome: 'handled' | 'duplicate'; event: OrchardEvent }
  | { outcome: 'dead-lettered'; reason: DeadLetterReason; detail: string };

type Delivery = Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>;

/**
 * What happens to one message. A message that is not a valid event, and an event the handler
 * refuses as poison, go to the dead-letter topic. A valid event is recorded in the inbox and
 * handled in one transaction, or skipped if the inbox has it already. A transient failure
 * (see isTransientFailure) throws a TransientEventError: the offset stays where it is and the
 * message comes again, for as long as the fault lasts. Any other failure is tried again a few
 * times with backoff, then dead-lettered with the error, so one bad event or one bug cannot stall
 * its partition. Returning means the outcome is durable, so its offset may be committed.
 */
export async function processMessage(
  delivery: Delivery,
  processor: MessageProcessor,
): Promise<MessageOutcome> {
  const retries = processor.retries ?? defaultHandlerRetries;
  for (let attempt = 1; ; attempt++) {
    try {
      return await processOnce(delivery, processor);
    } catch (error) {
      if (isTransientFailure(error)) throw retryLater(delivery, error);
      if (attempt >= retries.attempts)
        return await deadLetterOrRetry(delivery, processor, error, attempt);
      await new Promise((resolve) => setTimeout(resolve, backoffAfter(attempt, retries)));
    }
  }
}

function retryLater({ topic, partition, message }: Delivery, error: unknown): TransientEventError {
  return new TransientEventError(
    `${topic}[${partition}] offset ${message.offset} failed and will be retried: ${String(error)}`,
    error,
  );
}

/** Dead-letters a failure past its attempts; if even that fails, the message comes again. */
async function deadLetterOrRetry(
  delivery: Delivery,
  processor: MessageProcessor,
  error: unknown,
  attempts: number,
): Promise<MessageOutcome> {
  const detail = `failed ${attempts} times: ${describeFailure(error)}`;
  try {
    return await deadLetter(delivery, processor, 'handler-failed', detail);
  } catch (sendError) {
    throw retryLater(delivery, sendError);
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
