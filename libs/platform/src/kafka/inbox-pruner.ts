import type { Database } from '../database/database';
import { deleteInBatches } from '../database/delete-in-batches';

/**
 * How long an inbox entry is kept. An event comes again only while it is still in its topic:
 * before its offset is committed, or when a group that lost its offsets reads the topic again.
 * Event topics keep 7 days (`log.retention.hours` in infra/kafka/server.properties), so a day
 * more covers every redelivery Kafka can make. Dead letters replayed later are events the
 * inbox never recorded, so they are unaffected.
 */
export const inboxRetentionMs = 8 * 24 * 60 * 60_000;

/** Deletes a consumer group's inbox entries past their retention, a batch per statement. */
export async function pruneInbox(
  database: Database,
  consumer: string,
  retentionMs: number = inboxRetentionMs,
  batchSize = 5000,
): Promise<number> {
  return deleteInBatches(
    database,
    `with gone as (
       delete from inbox where (consumer, event_id) in (
         select consumer, event_id from inbox
          where consumer = $1 and processed_at < now() - make_interval(secs => $2)
          limit $3)
       returning 1)
     select count(*)::int as n from gone`,
    [consumer, retentionMs / 1000],
    batchSize,
  );
}
