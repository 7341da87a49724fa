import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from '@orchard/platform/database';
import { databaseOfItsOwn } from '@orchard/platform/testing';
import { FencedLocks, type FencedLockOptions } from '@orchard/platform/locks';
import { connectRedisClient } from '@orchard/platform/redis';
import type Redis from 'ioredis';
import { operatorRedisUrl } from '@orchard/stack';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CatalogService } from '../catalog/catalog.service';
import { ReservationsRepository } from '../reservations/reservations.repository';
import { ReservationsService } from '../reservations/reservations.service';

/** The native stack's Redis, holding the stock locks (each spec's SKUs are its own). */
export const redisUrl = operatorRedisUrl();

const migrationsDir = join(__dirname, '..', '..', 'migrations');

/**
 * The service's TTL; a wait long enough that the specs' crowds of contenders never time out
 * (giving up at the deadline is the platform's spec to check).
 */
export const specLockOptions: FencedLockOptions = { ttlMs: 5_000, acquireTimeoutMs: 60_000 };

export interface InventoryFixture {
  /** The spec's own database, for a second pool on it. */
  url: string;
  database: Database;
  redis: Redis;
  /** The stock locks the fixture's reservations take. */
  locks: FencedLocks;
  catalog: CatalogService;
  reservations: ReservationsService;
  close(): Promise<void>;
}

/** A ReservationsService of its own, e.g. with another pool or other lock settings. */
export const reservationsOn = (database: Database, locks: FencedLocks): ReservationsService =>
  new ReservationsService(new ReservationsRepository(database), locks);

/**
 * The services wired with plain constructors, as Nest would, on a migrated database of the
 * spec's own in the inventory service's PostgreSQL: the running service never sees this
 * stock, and nothing it does can make a spec pass.
 */
export async function startInventory(purpose: string): Promise<InventoryFixture> {
  const own = await databaseOfItsOwn('inventory', purpose, migrationsDir);
  const { database } = own;
  const redis = await connectRedisClient(redisUrl);
  const locks = new FencedLocks(redis, specLockOptions);
  return {
    url: own.url,
    database,
    redis,
    locks,
    catalog: new CatalogService(new CatalogRepository(database)),
    reservations: reservationsOn(database, locks),
    close: async () => {
      redis.disconnect();
      await own.close();
    },
  };
}

const runId = randomBytes(3).toString('hex').toUpperCase();
let skuCount = 0;

/** A SKU no other run or test uses, so specs never see each other's stock. */
export const uniqueSku = (label: string): string => `IT${runId}-${label}-${++skuCount}`;

export interface StockRow {
  onHand: number;
  reserved: number;
  shipped: number;
}

export async function stockOf(database: Database, sku: string): Promise<StockRow> {
  const [row] = await database.query<{ on_hand: number; reserved: number; shipped: number }>(
    'select on_hand, reserved, shipped from stock where sku = $1',
    [sku],
  );
  if (!row) throw new Error(`no stock row for ${sku}`);
  return { onHand: row.on_hand, reserved: row.reserved, shipped: row.shipped };
}

export async function outboxCount(
  database: Database,
  aggregateId: string,
  type: string,
): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    'select count(*)::int as n from outbox where aggregateid = $1 and type = $2',
    [aggregateId, type],
  );
  return row?.n ?? 0;
}

export async function outboxPayloads(
  database: Database,
  aggregateId: string,
  type: string,
): Promise<{ data: Record<string, unknown> }[]> {
  const rows = await database.query<{ payload: { data: Record<string, unknown> } }>(
    'select payload from outbox where aggregateid = $1 and type = $2 order by created_at',
    [aggregateId, type],
  );
  return rows.map((row) => row.payload);
}

export { eventOf, deliverAsConsumer as deliver } from '@orchard/platform/testing';

export { closedPort, eventually } from '@orchard/stack';

/** The newest fencing token the SKU's stock row accepted; 0 before any. */
export async function fencingTokenOf(database: Database, sku: string): Promise<number> {
  const [row] = await database.query<{ fencing_token: string }>(
    'select fencing_token from stock where sku = $1',
    [sku],
  );
  if (!row) throw new Error(`no stock row for ${sku}`);
  return Number(row.fencing_token);
}
