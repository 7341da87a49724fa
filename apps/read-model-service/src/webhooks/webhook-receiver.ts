import { eventTopics } from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { EventConsumer, type EventHandler } from '@orchard/platform/kafka';
import { serviceName } from '../config';

/** The receiver's consumer group: `read-model-service.webhooks`. */
export const webhooksPurpose = 'webhooks';

/**
 * The receiver: each event becomes one queued delivery per endpoint subscribed to its type, in
 * the event's transaction (with its inbox entry, so a redelivered event queues nothing twice).
 * Paused endpoints queue too: their deliveries go out once they are resumed.
 */
export const queueDeliveries: EventHandler = async (event, { tx }) => {
  await tx.query(
    `insert into webhook_deliveries
       (id, endpoint_id, event_id, event_type, payload, status, next_attempt_at)
     select gen_random_uuid(), id, $1, $2, $3, 'PENDING', now()
       from webhook_endpoints where $2 = any(event_types)
     on conflict (endpoint_id, event_id) do nothing`,
    [event.id, event.type, JSON.stringify(event)],
  );
};

export function webhookReceiver(options: { brokers: string[]; database: Database }): EventConsumer {
  return new EventConsumer({
    brokers: options.brokers,
    service: serviceName,
    purpose: webhooksPurpose,
    topics: eventTopics,
    database: options.database,
    handle: queueDeliveries,
    // Only new events: a partner subscribes to what happens from now on.
    fromBeginning: false,
    partitionsConsumedConcurrently: 3,
  });
}
