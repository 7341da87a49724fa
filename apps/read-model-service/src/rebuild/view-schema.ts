import type { Queryable } from '@orchard/platform/database';

/** The tables the views consist of, created by the migrations in the live schema. */
export const viewTables = ['order_summaries', 'customer_orders', 'product_availability'] as const;

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
