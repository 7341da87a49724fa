import { z } from 'zod';
import { aggregateTypes } from './topics';

/**
 * What every event looks like on the wire, whatever its type: the outbox payload that the
 * outbox router publishes as the Kafka value. `type` and `version` pick the contract that
 * validates `data`; `id` is what consumers deduplicate on.
 */
export const EventEnvelope = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  type: z.string().min(1).max(255),
  version: z.number().int().min(1),
  aggregateType: z.enum(aggregateTypes),
  // The outbox column is varchar(255).
  aggregateId: z.string().min(1).max(255),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;
