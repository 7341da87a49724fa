import type { Queryable } from '@orchard/platform/database';

/** The tables the views consist of, created by the migrations in the live schema. */
export const viewTables = ['order_summaries', 'customer_orders', 'product_availability'] as const;

/**
 * Every other table of this database, and why the rebuild leaves it alone: none is a view of
 * the events that a replay from the topics would give back.
 */
export const notViews: Readonly<Record<string, string>> = {
  event_history: 'the log of events the live views applied, which the rebuild reads its tail from',
  sales_reports: "a sales-report job's request and outcome: data the job owns",
  sales_report_pairs: "a sales-report job's map results, kept until the job reduces them",
  sales_report_lines: "a sales-report job's result lines",
  shop_metric_minutes:
    'live metrics in one-minute windows by event time, for the last 15 minutes: they age out',
  shop_rejection_causes: 'live metrics: rejections by cause, per minute, aging out',
  shop_product_minutes: 'live metrics: units sold per product, per minute, aging out',
  shop_metric_watermarks: "live metrics: each partition's event-time watermark",
  shop_alerts: 'alerts raised from the live metrics, and whether each was published',
  webhook_endpoints: 'the webhooks registered by operators: commands, not events',
  webhook_deliveries: 'the queue of deliveries to those endpoints',
  webhook_attempts: 'each delivery attempt, for the operators',
};

/** Where the live service reads and writes: the default search path. */
export const liveSchema = 'public';

const schemaName = /^[a-z_][a-z0-9_]*$/;

function checked(schema: string): string {
  if (!schemaName.test(schema)) throw new Error(`"${schema}" is not a plain schema name`);
  return schema;
}

/**
 * The same database, with sessions that resolve unqualified names in `schema` only: the views'
 * handler and the platform's inbox then write to that schema's tables, untouched.
 */
export function inSchema(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${checked(schema)}`);
  return url.toString();
}

/**
 * A fresh schema with empty copies of the live view tables and an inbox of its own. Copies are
 * made `like ... including all`, so they have the live tables' columns, defaults, constraints
 * and indexes, whatever migrations have run.
 */
export async function createViewSchema(db: Queryable, schema: string): Promise<void> {
  await dropSchema(db, schema);
  await db.query(`create schema ${checked(schema)}`);
  for (const table of [...viewTables, 'inbox']) {
    await db.query(`create table ${schema}.${table} (like ${liveSchema}.${table} including all)`);
  }
}

export async function dropSchema(db: Queryable, schema: string): Promise<void> {
  await db.query(`drop schema if exists ${checked(schema)} cascade`);
}
