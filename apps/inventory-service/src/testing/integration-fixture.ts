import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Database, migrate } from '@orchard/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CatalogService } from '../catalog/catalog.service';
import { ReservationsRepository } from '../reservations/reservations.repository';
import { ReservationsService } from '../reservations/reservations.service';

/** The native stack's inventory database; integration specs run against the real thing. */
export const inventoryDatabaseUrl =
  process.env['INVENTORY_DATABASE_URL'] ??
  'postgres://inventory_app:inventory_app@127.0.0.1:5444/inventory';

const migrationsDir = join(__dirname, '..', '..', 'migrations');

export interface InventoryFixture {
  database: Database;
  catalog: CatalogService;
  reservations: ReservationsService;
}

/** Migrates the database and wires the services with plain constructors, as Nest would. */
export async function startInventory(): Promise<InventoryFixture> {
  await migrate(inventoryDatabaseUrl, migrationsDir);
  const database = new Database(inventoryDatabaseUrl, { applicationName: 'inventory-specs' });
  return {
    database,
    catalog: new CatalogService(new CatalogRepository(database)),
    reservations: new ReservationsService(new ReservationsRepository(database)),
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

export { eventOf, deliverAsConsumer as deliver } from '@orchard/platform';
