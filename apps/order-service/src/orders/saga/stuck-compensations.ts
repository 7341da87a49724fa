import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, register } from 'prom-client';
import type { StuckCompensation, StuckCompensationView } from '@orchard/contracts';
import { Database } from '@orchard/platform/database';

const stuckReports = new Counter({
  name: 'orchard_saga_compensations_stuck_total',
  help: 'Compensations that ran out of attempts and were reported stuck, by compensation.',
  labelNames: ['compensation'] as const,
});

/**
 * Compensations that could not complete: the saga reports each one here, then waits for an
 * operator's retry. Never silent: an error log with the order id, a counter, a gauge of those
 * still waiting, and a listing.
 */
@Injectable()
export class StuckCompensations {
  private readonly logger = new Logger(StuckCompensations.name);

  constructor(private readonly database: Database) {
    register.removeSingleMetric('orchard_saga_compensations_waiting');
    new Gauge({
      name: 'orchard_saga_compensations_waiting',
      help: 'Sagas waiting for an operator to retry a compensation that could not complete.',
      collect: async function (this: Gauge) {
        this.set(
          await database
            .query<{ n: number }>(
              'select count(*) as n from stuck_compensations where resolved_at is null',
            )
            .then((rows) => rows[0]?.n ?? 0),
        );
      },
    });
  }

  async report({ orderId, compensation, error }: StuckCompensation): Promise<void> {
    await this.database.query(
      `insert into stuck_compensations (order_id, compensation, error) values ($1, $2, $3)
       on conflict (order_id) do update
         set compensation = excluded.compensation, error = excluded.error,
             reports = stuck_compensations.reports + 1, resolved_at = null,
             stuck_since = case when stuck_compensations.resolved_at is null
                                then stuck_compensations.stuck_since else now() end`,
      [orderId, compensation, error],
    );
    stuckReports.inc({ compensation });
    this.logger.error(
      `order ${orderId}: compensation '${compensation}' cannot complete (${error}); ` +
        `the saga waits for an operator to retry it`,
    );
  }

  async resolve(orderId: string): Promise<void> {
    await this.database.query(
      'update stuck_compensations set resolved_at = now() where order_id = $1 and resolved_at is null',
      [orderId],
    );
  }

  async isWaiting(orderId: string): Promise<boolean> {
    const rows = await this.database.query(
      'select 1 from stuck_compensations where order_id = $1 and resolved_at is null',
      [orderId],
    );
    return rows.length > 0;
  }

  /** Those still waiting, longest first. */
  async list(limit: number): Promise<StuckCompensationView[]> {
    return this.database.query<StuckCompensationView>(
      `select order_id as "orderId", compensation, error, reports,
              to_json(stuck_since) #>> '{}' as "stuckSince"
         from stuck_compensations where resolved_at is null
        order by stuck_since, order_id limit $1`,
      [limit],
    );
  }
}
