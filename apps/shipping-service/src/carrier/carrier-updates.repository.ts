import { Injectable } from '@nestjs/common';
import type { CarrierStatus, CarrierStatusUpdate } from '@orchard/contracts';
import { Database, type Transaction } from '@orchard/platform/database';

/** How a stored update stands to its parcel's journey when it arrives. */
export type Arrival = 'next' | 'early' | 'duplicate' | 'unknown-parcel';

export interface PendingUpdate {
  messageId: string;
  parcelId: string;
  orderId: string;
  shipmentId: string;
  parcelStatus: string;
  sequence: number;
  status: CarrierStatus;
  occurredAt: Date;
}

const foreignKeyViolation = '23503';

@Injectable()
export class CarrierUpdatesRepository {
  constructor(readonly database: Database) {}

  /**
   * Queues an update, once per message id and per parcel and sequence: a second arrival of
   * either finds its row taken. Says whether the update is the parcel's next or arrived early.
   */
  async queue(messageId: string, update: CarrierStatusUpdate): Promise<Arrival> {
    try {
      const { rows } = await this.database.pool.query<{ early: boolean }>(
        `insert into carrier_updates (message_id, parcel_id, sequence, status, occurred_at)
         values ($1, $2, $3, $4, $5)
         on conflict do nothing
         returning $3 > (select carrier_sequence + 1 from parcels where id = $2) as early`,
        [messageId, update.parcelId, update.sequence, update.status, update.occurredAt],
      );
      const row = rows[0];
      if (!row) return 'duplicate';
      return row.early ? 'early' : 'next';
    } catch (error) {
      if ((error as { code?: string }).code === foreignKeyViolation) return 'unknown-parcel';
      throw error;
    }
  }

  /**
   * Locks a shipment one of whose parcels' next update has arrived, skipping shipments another
   * applier holds: a shipment's updates are applied by one transaction at a time, in order.
   * The shipment is locked first, as dispatching and delivering lock it, so appliers never
   * wait on each other in a cycle.
   */
  async lockShipmentReady(tx: Transaction): Promise<string | undefined> {
    const { rows } = await tx.query<{ order_id: string }>(
      `select s.order_id from carrier_updates u
         join parcels p on p.id = u.parcel_id and u.sequence = p.carrier_sequence + 1
         join shipments s on s.order_id = p.order_id
        where u.applied_at is null
        order by u.received_at
        limit 1
          for update of s skip locked`,
    );
    return rows[0]?.order_id;
  }

  /** The next update of one of the shipment's parcels, if it has arrived (the shipment is locked). */
  async nextUpdate(tx: Transaction, orderId: string): Promise<PendingUpdate | undefined> {
    const { rows } = await tx.query(
      `select u.message_id, u.parcel_id, p.order_id, s.shipment_id, p.status as parcel_status,
              u.sequence, u.status, u.occurred_at
         from shipments s
         join parcels p on p.order_id = s.order_id
         join carrier_updates u on u.parcel_id = p.id and u.sequence = p.carrier_sequence + 1
        where s.order_id = $1 and u.applied_at is null
        order by u.received_at
        limit 1`,
      [orderId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      messageId: row.message_id,
      parcelId: row.parcel_id,
      orderId: row.order_id,
      shipmentId: row.shipment_id,
      parcelStatus: row.parcel_status,
      sequence: row.sequence,
      status: row.status,
      occurredAt: row.occurred_at,
    };
  }

  /** The update is applied: its parcel's tracking moves to it. */
  async markApplied(tx: Transaction, update: PendingUpdate): Promise<void> {
    await tx.query(
      `update parcels set carrier_sequence = $2, carrier_status = $3, carrier_updated_at = now()
        where id = $1`,
      [update.parcelId, update.sequence, update.status],
    );
    await tx.query('update carrier_updates set applied_at = now() where message_id = $1', [
      update.messageId,
    ]);
  }

  /**
   * Locks up to `limit` parcels on their way that the carrier has not taken over, or has said
   * nothing of for `silenceMs` (a carrier that restarted forgets what it carried).
   */
  async lockParcelsToHandOver(
    tx: Transaction,
    silenceMs: number,
    limit: number,
  ): Promise<string[]> {
    const { rows } = await tx.query<{ id: string }>(
      `select id from parcels
        where status = 'DISPATCHED'
          and (handed_over_at is null
               or greatest(handed_over_at, carrier_updated_at)
                  <= now() - make_interval(secs => $1::float8 / 1000))
        order by dispatched_at
        limit $2
          for update skip locked`,
      [silenceMs, limit],
    );
    return rows.map((row) => row.id);
  }

  async markHandedOver(tx: Transaction, parcelIds: readonly string[]): Promise<void> {
    await tx.query('update parcels set handed_over_at = now() where id = any($1::uuid[])', [
      parcelIds,
    ]);
  }
}
