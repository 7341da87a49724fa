import type { OnApplicationShutdown } from '@nestjs/common';
import { Database } from '@orchard/platform/database';
import { Gauge, register } from 'prom-client';

const lagMetric = 'orchard_read_replica_lag_seconds';

/**
 * Where the queries read. With READ_DATABASE_URL the same as DATABASE_URL, the primary's pool;
 * otherwise a pool of its own on a streaming replica, whose lag is a metric: a summary read
 * there may be that much behind the views (the order page says what it read, not more).
 */
export class ReplicaReads implements OnApplicationShutdown {
  readonly database: Database;
  private readonly ownPool: boolean;

  constructor(primary: Database, primaryUrl: string, readUrl: string) {
    this.ownPool = readUrl !== primaryUrl;
    this.database = this.ownPool
      ? new Database(readUrl, { applicationName: 'read-model-service (reads)' })
      : primary;
    if (this.ownPool) this.registerLag();
  }

  /**
   * Seconds the replica is behind: 0 when it has replayed all it received, else the age of the
   * last transaction it replayed. Read from the replica at each scrape.
   */
  private registerLag(): void {
    register.removeSingleMetric(lagMetric);
    const replica = this.database;
    new Gauge({
      name: lagMetric,
      help: 'How far the read replica the queries use is behind its primary, in seconds.',
      async collect() {
        const [row] = await replica.query<{ lag: number | null }>(
          `select case
                    when not pg_is_in_recovery() then 0
                    when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                    else extract(epoch from now() - pg_last_xact_replay_timestamp())
                  end::float8 as lag`,
        );
        if (row?.lag !== null && row?.lag !== undefined) this.set(row.lag);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ownPool) await this.database.close();
  }
}
