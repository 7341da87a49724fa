import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import {
  salesReportWorkflowId,
  salesReportWorkflowType,
  type SalesReportJob,
} from '@orchard/contracts/reports';
import { migrate } from '@orchard/platform/database';
import { scratchDatabase, urls, waitFor, type ScratchDatabase } from '@orchard/stack';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { migrationsDir } from '../app.module';

/** A history of its own: sold and unsold orders on four days, three of them reported on. */
const days = ['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02'];
const reported = { from: '2024-02-28', to: '2024-03-01' };
const ordersPerDay = 1_500;
const skus = Array.from({ length: 12 }, (_, n) => `SPEC-SKU-${n}`);
const warehouses = ['north', 'south', 'east'];
const statuses = ['DELIVERED', 'SHIPPED', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'PENDING'];

/** A small deterministic generator (mulberry32): the same history on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function orderHistory() {
  const random = seeded(20_240_229);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return days.flatMap((day) =>
    Array.from({ length: ordersPerDay }, (_, n) => {
      const lines = [...new Set([pick(skus), pick(skus), pick(skus)])].map((sku) => ({
        sku,
        quantity: 1 + Math.floor(random() * 4),
        unitPriceCents: 100 + Math.floor(random() * 900),
        warehouse: pick(warehouses),
      }));
      const parcels = warehouses
        .map((warehouse) => ({
          parcelId: randomUUID(),
          warehouse,
          items: lines
            .filter((l) => l.warehouse === warehouse)
            .map(({ sku, quantity }) => ({ sku, quantity })),
          status: 'DELIVERED',
        }))
        .filter((parcel) => parcel.items.length > 0);
      // Spread over the day, both ends included: the last millisecond belongs to the day.
      const at =
        n === 0
          ? '00:00:00.000'
          : n === 1
            ? '23:59:59.999'
            : `${String(n % 24).padStart(2, '0')}:17:00.000`;
      return {
        order_id: randomUUID(),
        status: pick(statuses),
        items: lines.map(({ sku, quantity, unitPriceCents }) => ({
          sku,
          quantity,
          unitPriceCents,
        })),
        parcels,
        placed_at: `${day}T${at}Z`,
      };
    }),
  );
}

/** The same report as one SQL GROUP BY: what the job must arrive at. */
const groupBy = `
  with sold as (
    select * from order_summaries
     where status in ('CONFIRMED', 'SHIPPED', 'DELIVERED')
       and placed_at >= $1::date::timestamp at time zone 'UTC'
       and placed_at < ($2::date + 1)::timestamp at time zone 'UTC')
  select 'product' as kind, to_char(placed_at at time zone 'UTC', 'YYYY-MM-DD') as day,
         line->>'sku' as key, sum((line->>'quantity')::bigint) as units,
         sum((line->>'quantity')::bigint * (line->>'unitPriceCents')::bigint) as revenue_cents
    from sold, jsonb_array_elements(items) line
   group by 1, 2, 3
  union all
  select 'warehouse', to_char(placed_at at time zone 'UTC', 'YYYY-MM-DD'), parcel->>'warehouse',
         sum((item->>'quantity')::bigint),
         sum((item->>'quantity')::bigint * (line->>'unitPriceCents')::bigint)
    from sold, jsonb_array_elements(parcels) parcel, jsonb_array_elements(parcel->'items') item,
         jsonb_array_elements(items) line
   where line->>'sku' = item->>'sku' and parcel->>'status' <> 'CANCELLED'
   group by 1, 2, 3
   order by 1, 2, 3`;

const reportLines = `
  select kind, to_char(day, 'YYYY-MM-DD') as day, key, units, revenue_cents
    from sales_report_lines where report_id = $1 order by 1, 2, 3`;

/** A report worker process of its own, polling this spec's queue alone. */
function startWorker(databaseUrl: string, taskQueue: string, concurrency: number): ChildProcess {
  const worker = spawn(process.execPath, [require.resolve('../report-worker')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: urls.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      SALES_REPORT_TASK_QUEUE: taskQueue,
      SALES_REPORT_CONCURRENCY: String(concurrency),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return worker;
}

async function stopWorker(worker: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = once(worker, 'exit');
  worker.kill(signal);
  await exited;
}

describe('the sales report, a map-reduce job on Temporal', () => {
  let scratch: ScratchDatabase;
  let db: Client;
  let temporal: TemporalClient;
  const workers: ChildProcess[] = [];
  const taskQueue = `sales-reports-spec-${randomUUID()}`;

  before(async () => {
    scratch = await scratchDatabase('readmodel', 'sales_report');
    await migrate(scratch.url, migrationsDir);
    db = new Client({ connectionString: scratch.url });
    await db.connect();
    await db.query(
      `insert into order_summaries (order_id, status, items, parcels, placed_at, updated_at)
       select order_id, status, items, parcels, placed_at, placed_at
         from jsonb_to_recordset($1::jsonb)
           as t (order_id uuid, status text, items jsonb, parcels jsonb, placed_at timestamptz)`,
      [JSON.stringify(orderHistory())],
    );
    temporal = new TemporalClient({
      connection: await Connection.connect({ address: urls.temporalAddress }),
    });
  });

  after(async () => {
    await Promise.all(workers.map((worker) => stopWorker(worker, 'SIGKILL')));
    await db?.end();
    await temporal?.connection.close();
    await scratch?.drop();
  });

  it('equals a GROUP BY over the same orders, though a worker is killed mid-job, and again when run twice', async () => {
    const reportId = randomUUID();
    await db.query(
      `insert into sales_reports (id, date_from, date_to, status) values ($1, $2, $3, 'RUNNING')`,
      [reportId, reported.from, reported.to],
    );
    const job: SalesReportJob = { reportId, ...reported, mapPartitions: 32, reducePartitions: 4 };
    const { rows: expected } = await db.query(groupBy, [reported.from, reported.to]);
    assert.ok(expected.length > 40, 'the history has figures to report');

    // One task at a time, so the job is still running when its worker dies.
    const first = startWorker(scratch.url, taskQueue, 1);
    workers.push(first);
    const run = await temporal.workflow.start(salesReportWorkflowType, {
      taskQueue,
      workflowId: salesReportWorkflowId(reportId),
      args: [job],
    });
    const mapped = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            'select count(distinct map_partition) as n from sales_report_pairs where report_id = $1',
            [reportId],
          )
        ).rows[0]?.n,
      );
    await waitFor(async () => (await mapped()) >= 2, {
      timeoutMs: 60_000,
      intervalMs: 10,
      what: 'two map tasks done',
    });
    await stopWorker(first, 'SIGKILL');
    const mappedWhenKilled = await mapped();
    assert.ok(mappedWhenKilled < job.mapPartitions, `killed after ${mappedWhenKilled} map tasks`);
    assert.equal((await run.describe()).status.name, 'RUNNING');

    workers.push(startWorker(scratch.url, taskQueue, 4));
    const outcome = await run.result();
    const { rows: lines } = await db.query(reportLines, [reportId]);
    assert.deepEqual(lines, expected);
    const { rows: sold } = await db.query(
      `select count(*)::integer as n from order_summaries
        where status in ('CONFIRMED', 'SHIPPED', 'DELIVERED')
          and placed_at >= $1::date::timestamp at time zone 'UTC'
          and placed_at < ($2::date + 1)::timestamp at time zone 'UTC'`,
      [reported.from, reported.to],
    );
    assert.equal(outcome.orders, sold[0]?.n);
    const { rows: report } = await db.query(
      'select status, orders from sales_reports where id = $1',
      [reportId],
    );
    assert.deepEqual(report, [{ status: 'COMPLETED', orders: sold[0]?.n }]);

    // The same job again: every task replaces its own output, nothing is counted twice.
    const again = await temporal.workflow.start(salesReportWorkflowType, {
      taskQueue,
      workflowId: salesReportWorkflowId(reportId),
      args: [job],
    });
    await again.result();
    assert.deepEqual((await db.query(reportLines, [reportId])).rows, expected);
  });
});
