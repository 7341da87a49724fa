import { join } from 'node:path';
import { Database, migrate } from '@orchard/platform';
import { ShipmentsRepository } from '../shipments/shipments.repository';
import { ShipmentsService } from '../shipments/shipments.service';

/** The native stack's shipping database; integration specs run against the real thing. */
export const shippingDatabaseUrl =
  process.env['SHIPPING_DATABASE_URL'] ??
  'postgres://shipping_app:shipping_app@127.0.0.1:5445/shipping';

const migrationsDir = join(__dirname, '..', '..', 'migrations');

export interface ShippingFixture {
  database: Database;
  shipments: ShipmentsService;
}

/** Migrates the database and wires the service with plain constructors, as Nest would. */
export async function startShipping(): Promise<ShippingFixture> {
  await migrate(shippingDatabaseUrl, migrationsDir);
  const database = new Database(shippingDatabaseUrl, { applicationName: 'shipping-specs' });
  return { database, shipments: new ShipmentsService(new ShipmentsRepository(database)) };
}

export { eventOf, deliverAsConsumer as deliver } from '@orchard/platform';

export async function outboxPayloads(
  database: Database,
  aggregateId: string,
  type: string,
): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const rows = await database.query<{ payload: { id: string; data: Record<string, unknown> } }>(
    'select payload from outbox where aggregateid = $1 and type = $2 order by created_at, id',
    [aggregateId, type],
  );
  return rows.map((row) => row.payload);
}

export { eventually } from '@orchard/stack';
