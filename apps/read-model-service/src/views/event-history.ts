import type { OrchardEvent } from '@orchard/contracts';
import type { Queryable } from '@orchard/platform/database';
import type { EventContext } from '@orchard/platform/kafka';

/** Records an event the live views apply, in the transaction of its effect. */
export async function recordInHistory(event: OrchardEvent, { tx, topic }: EventContext) {
  await tx.query(
    `insert into event_history (event_id, topic, event) values ($1, $2, $3)
     on conflict (event_id) do nothing`,
    [event.id, topic, JSON.stringify(event)],
  );
}

export interface HistoryEntry {
  position: number;
  topic: string;
  /** The envelope as it was published, to go through the same contract check again. */
  value: string;
}

/** The history after `position`, in the order the live views applied it, `limit` at a time. */
export async function historyAfter(
  db: Queryable,
  position: number,
  limit: number,
): Promise<HistoryEntry[]> {
  const { rows } = await db.query<{ position: number; topic: string; event: OrchardEvent }>(
    `select position, topic, event from public.event_history where position > $1
      order by position limit $2`,
    [position, limit],
  );
  return rows.map((row) => ({
    position: row.position,
    topic: row.topic,
    value: JSON.stringify(row.event),
  }));
}
