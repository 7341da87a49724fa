import { randomUUID } from 'node:crypto';
import { parseEvent, type OrchardEvent } from '@orchard/contracts';
import type { Database } from '../database/database';
import { processMessage, type EventHandler, type MessageOutcome } from './process-message';

/** An event as a consumer receives it, validated by its contract. For consumers' tests. */
export function eventOf(
  type: string,
  aggregateType: string,
  aggregateId: string,
  data: object,
  id: string = randomUUID(),
): OrchardEvent {
  const parsed = parseEvent({
    id,
    occurredAt: new Date().toISOString(),
    type,
    version: 1,
    aggregateType,
    aggregateId,
    data,
  });
  if (!parsed.ok) throw new Error(`${type}: ${parsed.detail}`);
  return parsed.event;
}

/**
 * Delivers an event the way the Kafka consumer does (inbox and handler in one transaction),
 * so a consumer's test sees redeliveries deduplicated exactly as in production. Returns the
 * outcome and how many messages went to the dead-letter topic.
 */
export async function deliverAsConsumer(
  database: Database,
  consumer: string,
  handle: EventHandler,
  event: OrchardEvent,
): Promise<{ outcome: MessageOutcome; deadLetters: number }> {
  let deadLetters = 0;
  const message = {
    key: Buffer.from(event.aggregateId),
    value: Buffer.from(JSON.stringify(event)),
    headers: { id: Buffer.from(event.id), eventType: Buffer.from(event.type) },
    offset: '0',
    timestamp: String(Date.now()),
    attributes: 0,
  };
  const outcome = await processMessage(
    { topic: `${event.aggregateType}.events`, partition: 0, message },
    { consumer, database, handle, sendToDeadLetter: async () => void deadLetters++ },
  );
  return { outcome, deadLetters };
}
