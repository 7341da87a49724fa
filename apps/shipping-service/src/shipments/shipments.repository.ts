import { Injectable } from '@nestjs/common';
import { Database, type Transaction } from '@orchard/platform';
import type { PlannedParcel } from './domain/parcel-plan';

export type ShipmentStatus = 'CREATED' | 'CANCELLED' | 'DISPATCHED' | 'DELIVERED';

export interface ShipmentRecord {
  orderId: string;
  shipmentId: string;
  status: ShipmentStatus;
  country: string;
  parcels: (PlannedParcel & { id: string; status: ShipmentStatus })[];
}

@Injectable()
export class ShipmentsRepository {
  constructor(readonly database: Database) {}

  async find(
    orderId: string,
    tx: Transaction = this.database.pool,
  ): Promise<ShipmentRecord | undefined> {
    const { rows } = await tx.query(
      `select s.order_id, s.shipment_id, s.status, s.country,
              coalesce(json_agg(json_build_object('id', p.id, 'warehouse', p.warehouse, 'items', p.items,
                'status', p.status) order by p.warehouse) filter (where p.id is not null), '[]') as parcels
         from shipments s left join parcels p on p.order_id = s.order_id
        where s.order_id = $1
        group by s.order_id`,
      [orderId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      orderId: row.order_id,
      shipmentId: row.shipment_id,
      status: row.status,
      country: row.country,
      parcels: row.parcels,
    };
  }

  /** Locks the shipment row for the rest of the transaction. */
  async lock(tx: Transaction, orderId: string): Promise<ShipmentStatus | undefined> {
    const { rows } = await tx.query('select status from shipments where order_id = $1 for update', [
      orderId,
    ]);
    return rows[0]?.status;
  }

  /** Inserts the shipment unless one exists; returns false when it already did (a retried call). */
  async insert(
    tx: Transaction,
    shipment: { orderId: string; shipmentId: string; country: string },
    parcels: (PlannedParcel & { id: string })[],
  ): Promise<boolean> {
    const inserted = await tx.query(
      `insert into shipments (order_id, shipment_id, status, country) values ($1, $2, 'CREATED', $3)
       on conflict (order_id) do nothing`,
      [shipment.orderId, shipment.shipmentId, shipment.country],
    );
    if (inserted.rowCount === 0) return false;
    for (const parcel of parcels) {
      await tx.query(
        `insert into parcels (id, order_id, warehouse, items, status) values ($1, $2, $3, $4, 'CREATED')`,
        [parcel.id, shipment.orderId, parcel.warehouse, JSON.stringify(parcel.items)],
      );
    }
    return true;
  }

  async setStatus(tx: Transaction, orderId: string, status: ShipmentStatus): Promise<void> {
    await tx.query('update shipments set status = $2, updated_at = now() where order_id = $1', [
      orderId,
      status,
    ]);
    await tx.query('update parcels set status = $2 where order_id = $1', [orderId, status]);
  }
}
