import type {
  MapTask,
  MapTaskResult,
  ReduceTask,
  SalesReportActivities,
} from '@orchard/contracts/reports';
import type { Database, Queryable } from '@orchard/platform/database';
import { heartbeat } from '@temporalio/activity';
import { orderIdRange } from './domain/order-partitions';
import {
  mapSoldOrder,
  reducerOf,
  sumByKey,
  type SalesPair,
  type SoldOrder,
} from './domain/sales-pairs';

/** Orders read per query of a map task; it heartbeats after each. */
const mapBatchSize = 1_000;

/** Orders that were sold: confirmed, whatever happened to their parcels since. */
const soldStatuses = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];

type SoldOrderRow = SoldOrder & { orderId: string };

/**
 * The job's tasks, run by whichever worker polls the report queue. Each replaces its whole
 * output in one transaction, so running one again (a retry after its worker died, or the job
 * run again) leaves the same rows as running it once.
 */
export class SalesReportTasks implements SalesReportActivities {
  constructor(
    private readonly database: Database,
    /** Reports liveness to Temporal: a task that stops heartbeating is handed to another worker. */
    private readonly beat: () => void = heartbeat,
  ) {}

  async mapOrderPartition(task: MapTask): Promise<MapTaskResult> {
    const range = orderIdRange(task.partition, task.partitions);
    const pairs: SalesPair[] = [];
    let orders = 0;
    let after: string | null = null;
    for (;;) {
      const batch: SoldOrderRow[] = await this.soldOrders(task, range, after);
      for (const order of batch) pairs.push(...mapSoldOrder(order));
      orders += batch.length;
      this.beat();
      if (batch.length < mapBatchSize) break;
      after = batch[batch.length - 1]?.orderId ?? null;
    }
    const combined = sumByKey(pairs);
    await this.database.transaction(async (tx) => {
      await tx.query('delete from sales_report_pairs where report_id = $1 and map_partition = $2', [
        task.reportId,
        task.partition,
      ]);
      await insertPairs(tx, 'sales_report_pairs', task.reportId, combined, {
        mapPartition: task.partition,
        reducerOf: (pair) => reducerOf(pair, task.reducePartitions),
      });
    });
    return { orders, pairs: combined.length };
  }

  async reduceSalesPartition(task: ReduceTask): Promise<number> {
    const rows = await this.database.query<SalesPair>(
      `select kind, to_char(day, 'YYYY-MM-DD') as day, key, units, revenue_cents as "revenueCents"
         from sales_report_pairs where report_id = $1 and reducer = $2`,
      [task.reportId, task.reducer],
    );
    this.beat();
    const lines = sumByKey(rows);
    await this.database.transaction(async (tx) => {
      await tx.query('delete from sales_report_lines where report_id = $1 and reducer = $2', [
        task.reportId,
        task.reducer,
      ]);
      await insertPairs(tx, 'sales_report_lines', task.reportId, lines, {
        reducerOf: () => task.reducer,
      });
    });
    return lines.length;
  }

  async completeSalesReport(input: { reportId: string; orders: number }): Promise<void> {
    // The shuffle has served its purpose; the lines are the report.
    await this.database.transaction(async (tx) => {
      await tx.query('delete from sales_report_pairs where report_id = $1', [input.reportId]);
      await tx.query(
        `update sales_reports set status = 'COMPLETED', orders = $2, reason = null,
                completed_at = now()
          where id = $1`,
        [input.reportId, input.orders],
      );
    });
  }

  async failSalesReport(input: { reportId: string; reason: string }): Promise<void> {
    await this.database.query(
      `update sales_reports set status = 'FAILED', reason = $2, completed_at = now()
        where id = $1`,
      [input.reportId, input.reason],
    );
  }

  /** One batch of the partition's sold orders in the job's days, in order id order. */
  private soldOrders(
    task: MapTask,
    range: { from: string; to: string | null },
    after: string | null,
  ): Promise<SoldOrderRow[]> {
    return this.database.query<SoldOrderRow>(
      `select order_id as "orderId", items, parcels,
              to_char(placed_at at time zone 'UTC', 'YYYY-MM-DD') as day
         from order_summaries
        where order_id >= $1 and ($2::uuid is null or order_id < $2) and ($3::uuid is null or order_id > $3)
          and status = any($4)
          and placed_at >= $5::date::timestamp at time zone 'UTC'
          and placed_at < ($6::date + 1)::timestamp at time zone 'UTC'
        order by order_id
        limit ${mapBatchSize}`,
      [range.from, range.to, after, soldStatuses, task.from, task.to],
    );
  }
}

/** Inserts pairs in one statement, each tagged with its reducer (and map partition, if any). */
async function insertPairs(
  tx: Queryable,
  table: 'sales_report_pairs' | 'sales_report_lines',
  reportId: string,
  pairs: SalesPair[],
  tags: { mapPartition?: number; reducerOf: (pair: SalesPair) => number },
): Promise<void> {
  if (pairs.length === 0) return;
  const { mapPartition } = tags;
  const partitionColumn = mapPartition === undefined ? '' : 'map_partition, ';
  const partitionValue = mapPartition === undefined ? '' : '$8::integer, ';
  await tx.query(
    `insert into ${table} (report_id, ${partitionColumn}reducer, kind, day, key, units, revenue_cents)
     select $1, ${partitionValue}r, k, d, key, u, c
       from unnest($2::integer[], $3::text[], $4::date[], $5::text[], $6::bigint[], $7::bigint[])
         as t (r, k, d, key, u, c)`,
    [
      reportId,
      pairs.map(tags.reducerOf),
      pairs.map((pair) => pair.kind),
      pairs.map((pair) => pair.day),
      pairs.map((pair) => pair.key),
      pairs.map((pair) => pair.units),
      pairs.map((pair) => pair.revenueCents),
      ...(mapPartition === undefined ? [] : [mapPartition]),
    ],
  );
}
