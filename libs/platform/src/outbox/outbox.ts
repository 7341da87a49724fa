import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { parseEvent } from '@orchard/contracts';
import type { Transaction } from '../database/database';

export interface DomainEvent<T extends object = object> {
  /** Stable, past tense, dotted: `order.confirmed`. Never a class name. */
  type: string;
  version: number;
  aggregateType: string;
  aggregateId: string;
  data: T;
}

/** An event that breaks its contract: a bug in the producer, never something to publish. */
export class InvalidEventError extends Error {}

/** The W3C traceparent of the active span, so the event continues the trace that caused it. */
function activeTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'] ?? null;
}

/**
 * Records an event in the service's outbox inside the caller's transaction: it is published
 * (by Debezium) if and only if the state change it describes commits. Returns the event id.
 * The payload is checked against the event's contract exactly as consumers will read it (after
 * JSON), so an invalid event throws here and rolls the change back instead of being published.
 */
export async function appendToOutbox(tx: Transaction, event: DomainEvent): Promise<string> {
  const id = randomUUID();
  const envelope = { id, occurredAt: new Date().toISOString(), ...event };
  const payload = JSON.stringify(envelope);
  const parsed = parseEvent(payload);
  if (!parsed.ok) {
    throw new InvalidEventError(
      `${event.type} v${event.version} breaks its contract (${parsed.reason}): ${parsed.detail}`,
    );
  }
  await tx.query(
    `insert into outbox (id, aggregatetype, aggregateid, type, payload, traceparent)
     values ($1, $2, $3, $4, $5, $6)`,
    [id, event.aggregateType, event.aggregateId, event.type, payload, activeTraceparent()],
  );
  return id;
}
