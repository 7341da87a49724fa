import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Database, isLostConnection } from '@orchard/platform/database';
import { Counter, Gauge, register } from 'prom-client';
import type { QueryResultRow } from 'pg';

const lagMetric = 'orchard_read_replica_lag_seconds';
const fallbacks = new Counter({
  name: 'orchard_read_replica_fallbacks_total',
  help: 'Times the queries found the read replica unreachable and read on the primary instead.',
});

/** What the queries need of a database: to run one. */
export type QueryRunner = Pick<Database, 'query'>;

/** After the replica failed, the primary serves the reads this long before the replica is tried again. */
const replicaRetryAfterMs = 5_000;

/**
 * Reads on the replica; while it cannot be reached, on the primary. A replica is a copy for
 * scale: losing it must cost the primary some load, not the shop its pages.
 */
export class ReplicaWithFallback implements QueryRunner {
  private readonly logger = new Logger('ReplicaReads');
  private replicaDownUntil = 0;

  constructor(
    readonly replica: Database,
    private readonly primary: Database,
  ) {}

  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    if (Date.now() >= this.replicaDownUntil) {
      try {
        return await this.replica.query<R>(text, values);
      } catch (error) {
        if (!(error instanceof Error) || !isLostConnection(error)) throw error;
        this.replicaDownUntil = Date.now() + replicaRetryAfterMs;
        fallbacks.inc();
        this.logger.warn(
          `the read replica is unreachable (${error.message}); reading on the primary`,
        );
      }
    }
    return this.primary.query<R>(text, values);
  }
}

/**
 * Where the queries read. With READ_DATABASE_URL the same as DATABASE_URL, the primary's pool;
 * otherwise a pool of its own on a streaming replica, whose lag is a metric: a summary read
 * there may be that much behind the views (the order page says what it read, not more).
 */
export class ReplicaReads implements OnApplicationShutdown {
  readonly database: QueryRunner;
  private readonly replica?: Database;

  constructor(primary: Database, primaryUrl: string, readUrl: string) {
    if (readUrl === primaryUrl) {
      this.database = primary;
      return;
    }
    this.replica = new Database(readUrl, { applicationName: 'read-model-service (reads)' });
    this.database = new ReplicaWithFallback(this.replica, primary);
    this.registerLag(this.replica);
  }

  /**
   * Seconds the replica is behind: 0 when it has replayed all it received, else the age of the
   * last transaction it replayed. Read from the replica at each scrape.
   */
  private registerLag(replica: Database): void {
    register.removeSingleMetric(lagMetric);
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
    await this.replica?.close();
  }
}
