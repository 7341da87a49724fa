import { Injectable } from '@nestjs/common';
import type { CarrierStatus } from '@orchard/contracts';
import { Database, type Queryable, type Transaction } from '@orchard/platform/database';
import type { PlannedParcel } from './domain/parcel-plan';

export type ShipmentStatus = 'CREATED' | 'CANCELLED' | 'DISPATCHED' | 'DELIVERED';

export interface DispatchedParcel extends PlannedParcel {
  id: string;
}

export interface DeliveredParcel {
  orderId: string;
  shipmentId: string;
  parcelId: string;
}

export interface ShipmentRecord {
  orderId: string;
  shipmentId: string;
  status: ShipmentStatus;
  country: string;
  /** `carrierStatus`: the last update the carrier reported and the shop applied, if any. */
  parcels: (PlannedParcel & {
    id: string;
    status: ShipmentStatus;
    carrierStatus: CarrierStatus | null;
  })[];
}

@Injectable()
export class ShipmentsRepository {
  constructor(readonly database: Database) {}

  async find(
    orderId: string,
    tx: Queryable = this.database.pool,
  ): Promise<ShipmentRecord | undefined> {
    const { rows } = await tx.query(
      `select s.order_id, s.shipment_id, s.status, s.country,
              coalesce(json_agg(json_build_object('id', p.id, 'warehouse', p.warehouse, 'items', p.items,
                'status', p.status, 'carrierStatus', p.carrier_status) order by p.warehouse) filter (where p.id is not null), '[]') as parcels
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
  async lock(
    tx: Transaction,
    orderId: string,
  ): Promise<{ status: ShipmentStatus; shipmentId: string } | undefined> {
    const { rows } = await tx.query(
      'select status, shipment_id from shipments where order_id = $1 for update',
      [orderId],
    );
    const row = rows[0];
    return row ? { status: row.status, shipmentId: row.shipment_id } : undefined;
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

  /**
   * The shipment's CREATED parcels leave with the carrier (the shipment row is locked by the
   * caller). Returns the parcels that left now: none when they had already.
   */
  async dispatch(tx: Transaction, orderId: string): Promise<DispatchedParcel[]> {
    const { rows } = await tx.query(
      `update parcels set status = 'DISPATCHED', dispatched_at = now()
        where order_id = $1 and status = 'CREATED'
       returning id, warehouse, items`,
      [orderId],
    );
    await tx.query(
      `update shipments set status = 'DISPATCHED', dispatched_at = now(), updated_at = now()
        where order_id = $1 and status = 'CREATED'`,
      [orderId],
    );
    return rows
      .map((row) => ({ id: row.id, warehouse: row.warehouse, items: row.items }))
      .sort((a, b) => a.warehouse.localeCompare(b.warehouse));
  }

  /** The parcel, on its way, arrived at `at` (the carrier's time). */
  async deliverParcel(tx: Transaction, parcelId: string, at: Date): Promise<void> {
    await tx.query(
      `update parcels set status = 'DELIVERED', delivered_at = $2
        where id = $1 and status = 'DISPATCHED'`,
      [parcelId, at],
    );
  }

  /** Shipments whose every parcel has arrived become DELIVERED. */
  async completeDelivered(tx: Transaction, orderIds: readonly string[]): Promise<void> {
    // Locked first, in a stable order: a concurrent carrier delivering this shipment's other
    // parcel commits before the check below runs, so the check sees both parcels delivered.
    await tx.query(
      `select order_id from shipments where order_id = any($1::uuid[]) order by order_id for update`,
      [orderIds],
    );
    await tx.query(
      `update shipments s set status = 'DELIVERED', delivered_at = now(), updated_at = now()
        where s.order_id = any($1::uuid[]) and s.status = 'DISPATCHED'
          and not exists (select 1 from parcels p where p.order_id = s.order_id and p.status <> 'DELIVERED')`,
      [orderIds],
    );
  }
}
