import type { Transaction } from '../database/database';

/**
 * Records that `consumer` processes `eventId`, in the transaction of the effect. True the first
 * time; false when the id is there already (a redelivery), so the caller skips the handler. A
 * concurrent delivery of the same id waits on the row lock and then finds it.
 */
export async function claimInInbox(
  tx: Transaction,
  consumer: string,
  eventId: string,
): Promise<boolean> {
  const result = await tx.query(
    `insert into inbox (consumer, event_id) values ($1, $2) on conflict do nothing`,
    [consumer, eventId],
  );
  return result.rowCount === 1;
}
