import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseEvent, type OrchardEvent } from '@orchard/contracts';
import {
  Database,
  migrate,
  processMessage,
  type EventHandler,
  type MessageOutcome,
} from '@orchard/platform';
import { ShipmentsRepository } from '../shipments/shipments.repository';
import { ShipmentsService } from '../shipments/shipments.service';

/** The native stack's shipping database; integration specs run against the real thing. */
export const shippingDatabaseUrl =
  process.env['SHIPPING_DATABASE_URL'] ??
  'postgres://shipping_app:shipping_app@127.0.0.1:5445/shipping';

const migrationsDir = join(__dirname, '..', '..', 'migrations');

export interface ShippingFixture {
  database: Database;
  shipments: ShipmentsService;
}

/** Migrates the database and wires the service with plain constructors, as Nest would. */
export async function startShipping(): Promise<ShippingFixture> {
  await migrate(shippingDatabaseUrl, migrationsDir);
  const database = new Database(shippingDatabaseUrl, { applicationName: 'shipping-specs' });
  return { database, shipments: new ShipmentsService(new ShipmentsRepository(database)) };
}

/** An event as a consumer receives it, validated by its contract. */
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
 * Delivers an event as the Kafka consumer does (inbox and handler in one transaction), so a
 * redelivery is deduplicated exactly as in production. Returns the outcome and what was
 * dead-lettered.
 */
export async function deliver(
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
    {
      consumer,
      database,
      handle,
      sendToDeadLetter: async () => void deadLetters++,
    },
  );
  return { outcome, deadLetters };
}

export async function outboxPayloads(
  database: Database,
  aggregateId: string,
  type: string,
): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const rows = await database.query<{ payload: { id: string; data: Record<string, unknown> } }>(
    'select payload from outbox where aggregateid = $1 and type = $2 order by created_at, id',
    [aggregateId, type],
  );
  return rows.map((row) => row.payload);
}

/**
 * Retries an assertion for a while. The running shipping service works on the same database,
 * and its carrier may hold a due parcel (skip locked) at the very moment a spec looks.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
