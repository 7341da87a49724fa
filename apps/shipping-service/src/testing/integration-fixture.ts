import { join } from 'node:path';
import type { ReservedLine } from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { databaseOfItsOwn, eventOf } from '@orchard/platform/testing';
import { ShipmentsRepository } from '../shipments/shipments.repository';
import { ShipmentsService } from '../shipments/shipments.service';

const migrationsDir = join(__dirname, '..', '..', 'migrations');

export interface ShippingFixture {
  database: Database;
  shipments: ShipmentsService;
  close(): Promise<void>;
}

/**
 * The service wired with plain constructors, as Nest would, on a migrated database of the
 * spec's own: the running service's carrier never sees these parcels, so only the spec's own
 * carrier can deliver them.
 */
export async function startShipping(purpose: string): Promise<ShippingFixture> {
  const { database, close } = await databaseOfItsOwn('shipping', purpose, migrationsDir);
  return { database, shipments: new ShipmentsService(new ShipmentsRepository(database)), close };
}

export { eventOf, deliverAsConsumer as deliver } from '@orchard/platform/testing';

/** A shipping address the carrier delivers to. */
export const address = {
  name: 'A',
  line1: 'B',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/** An order's lines from two warehouses: a parcel from each. */
export const twoWarehouseLines: ReservedLine[] = [
  { sku: 'TEA-IT', quantity: 2, unitPriceCents: 450, warehouse: 'north' },
  { sku: 'MUG-IT', quantity: 1, unitPriceCents: 1200, warehouse: 'south' },
];

/** The `order.confirmed` of an order of these lines. */
export const orderConfirmed = (orderId: string, lines: ReservedLine[] = twoWarehouseLines) =>
  eventOf('order.confirmed', 'order', orderId, {
    orderId,
    status: 'CONFIRMED',
    previousStatus: 'PENDING',
    reason: null,
    totalCents: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0),
    lines,
  });

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
