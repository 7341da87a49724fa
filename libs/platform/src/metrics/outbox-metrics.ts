import { Module, type DynamicModule } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { Database } from '../database/database';

const metricName = 'orchard_outbox_backlog_bytes';

/**
 * How far Debezium is behind the service's outbox: the WAL written since its replication slot
 * last confirmed a position (it confirms every `offset.flush.interval.ms`, one second here).
 * Read from PostgreSQL at each scrape.
 */
function registerOutboxBacklog(database: Database, slotName: string): Gauge {
  register.removeSingleMetric(metricName);
  return new Gauge({
    name: metricName,
    help: 'WAL bytes written since the outbox connector last confirmed its position.',
    labelNames: ['slot'] as const,
    async collect() {
      const rows = await database.query<{ backlog: string | null }>(
        `select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint as backlog
           from pg_replication_slots where slot_name = $1`,
        [slotName],
      );
      const backlog = rows[0]?.backlog;
      if (backlog !== undefined && backlog !== null) this.set({ slot: slotName }, Number(backlog));
    },
  });
}

/** The outbox backlog gauge of a service whose connector reads the replication slot `slot`. */
@Module({})
export class OutboxMetricsModule {
  static forSlot(slot: string): DynamicModule {
    return {
      module: OutboxMetricsModule,
      providers: [
        {
          provide: Gauge,
          inject: [Database],
          useFactory: (database: Database) => registerOutboxBacklog(database, slot),
        },
      ],
    };
  }
}
