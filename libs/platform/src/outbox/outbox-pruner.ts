import type { Database } from '../database/database';
import { deleteInBatches } from '../database/delete-in-batches';

/** Where the WAL ended at a moment: rows created before `at` are published once a slot confirms `lsn`. */
interface WalMark {
  at: Date;
  lsn: bigint;
}

/** A PostgreSQL LSN (`16/B374D848`) as one number, to compare. */
export function lsnAsNumber(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  if (high === undefined || low === undefined) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** Marks kept while a slot is stuck: one per run, a day of them at one run a minute. */
const maxMarks = 1440;

export interface OutboxPrunerOptions {
  /** The replication slot the service's outbox connector reads. */
  slot: string;
  /** How long a published row stays, for an operator to look at or a new snapshot to find. */
  retentionMs: number;
  /** Rows deleted per statement, so no prune holds many locks or much WAL at once. */
  batchSize?: number;
}

/**
 * Keeps the outbox bounded. Debezium publishes from the WAL, not from the table, so a row is
 * no longer needed once its connector has confirmed the position past it; it is then kept for
 * `retentionMs` more and deleted. Each run marks where the WAL ends now; a later run that finds
 * the slot confirmed past a mark deletes the rows created before it (and older than the
 * retention). So while the connector is down or behind, or its slot is gone, nothing it has not
 * confirmed is deleted: a connector created afresh snapshots the rows still there.
 */
export class OutboxPruner {
  private readonly marks: WalMark[] = [];
  private readonly batchSize: number;

  constructor(
    private readonly database: Database,
    private readonly options: OutboxPrunerOptions,
  ) {
    this.batchSize = options.batchSize ?? 5000;
  }

  /** One pass: returns how many rows it deleted. */
  async prune(): Promise<number> {
    const [now] = await this.database.query<{ at: Date; lsn: string; confirmed: string | null }>(
      `select now() as at, pg_current_wal_lsn()::text as lsn,
              (select confirmed_flush_lsn::text from pg_replication_slots where slot_name = $1)
                as confirmed`,
      [this.options.slot],
    );
    if (!now) return 0;
    this.marks.push({ at: now.at, lsn: lsnAsNumber(now.lsn) });
    if (this.marks.length > maxMarks) this.marks.shift();
    if (now.confirmed === null) return 0;
    const covered = this.newestMarkConfirmed(lsnAsNumber(now.confirmed));
    if (!covered) return 0;
    const retained = new Date(now.at.getTime() - this.options.retentionMs);
    return this.deleteCreatedBefore(covered.at < retained ? covered.at : retained);
  }

  /** The newest mark at or below `confirmed`; the older ones are dropped, it stays. */
  private newestMarkConfirmed(confirmed: bigint): WalMark | undefined {
    let covered: WalMark | undefined;
    while (this.marks[0] && this.marks[0].lsn <= confirmed) covered = this.marks.shift();
    if (covered) this.marks.unshift(covered);
    return covered;
  }

  private deleteCreatedBefore(cutoff: Date): Promise<number> {
    return deleteInBatches(
      this.database,
      `with gone as (
         delete from outbox where id in (
           select id from outbox where created_at < $1 order by created_at limit $2)
         returning 1)
       select count(*)::int as n from gone`,
      [cutoff],
      this.batchSize,
    );
  }
}
