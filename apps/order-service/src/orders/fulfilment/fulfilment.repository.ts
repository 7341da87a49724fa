import { Injectable } from '@nestjs/common';
import { Database, type Transaction } from '@orchard/platform/database';
import type { ParcelStatus } from '../domain/fulfilment';

/** A signal the order's saga is owed. */
export interface OwedSignal {
  orderId: string;
  signal: 'orderShipped';
}

/** The order's parcels and the saga signals owed for them. */
@Injectable()
export class FulfilmentRepository {
  constructor(readonly database: Database) {}

  async parcels(tx: Transaction, orderId: string): Promise<Map<string, ParcelStatus>> {
    const { rows } = await tx.query(
      'select parcel_id, status from order_parcels where order_id = $1',
      [orderId],
    );
    return new Map(rows.map((row) => [row.parcel_id as string, row.status as ParcelStatus]));
  }

  async saveParcels(
    tx: Transaction,
    orderId: string,
    parcels: ReadonlyMap<string, ParcelStatus>,
  ): Promise<void> {
    await tx.query(
      `insert into order_parcels (order_id, parcel_id, status)
       select $1, p.parcel_id, p.status from unnest($2::uuid[], $3::text[]) as p (parcel_id, status)
       on conflict (order_id, parcel_id) do update
         set status = excluded.status, updated_at = now()
         where order_parcels.status is distinct from excluded.status`,
      [orderId, [...parcels.keys()], [...parcels.values()]],
    );
  }

  /** Records, in the caller's transaction, that the order's saga is owed `signal`; once. */
  async oweSignal(tx: Transaction, { orderId, signal }: OwedSignal): Promise<void> {
    await tx.query(
      `insert into saga_signals (order_id, signal) values ($1, $2) on conflict do nothing`,
      [orderId, signal],
    );
  }

  /** Unsent signals (of one order, or any), oldest first, locked; others' locked rows skipped. */
  async lockOwedSignals(tx: Transaction, limit: number, orderId?: string): Promise<OwedSignal[]> {
    const { rows } = await tx.query(
      `select order_id, signal from saga_signals
        where sent_at is null and ($2::uuid is null or order_id = $2)
        order by recorded_at
        limit $1
          for update skip locked`,
      [limit, orderId ?? null],
    );
    return rows.map((row) => ({ orderId: row.order_id, signal: row.signal }));
  }

  async markSent(tx: Transaction, sent: readonly OwedSignal[]): Promise<void> {
    await tx.query(
      `update saga_signals s set sent_at = now()
         from unnest($1::uuid[], $2::text[]) as d (order_id, signal)
        where s.order_id = d.order_id and s.signal = d.signal`,
      [sent.map((s) => s.orderId), sent.map((s) => s.signal)],
    );
  }
}
