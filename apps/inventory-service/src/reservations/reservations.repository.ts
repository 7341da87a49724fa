import { Injectable } from '@nestjs/common';
import type { ReservedLine } from '@orchard/contracts';
import { Database, type Queryable, type Transaction } from '@orchard/platform/database';
import { StaleLockError } from '@orchard/platform/locks';
import type { SettledLine } from '../stock/inventory-events';
import {
  reservationStatusOf,
  type ReservationLineState,
  type ReservationStatus,
} from './domain/parcel-commit';
import { compareSkus, type StockedProduct } from './domain/reservation-plan';
import { stockLockOf } from './stock-locks';

export type { ReservationStatus };

export interface ReservationRecord {
  orderId: string;
  /** The reservation as a whole; see reservationStatusOf. */
  status: ReservationStatus;
  lines: ReservedLine[];
  /** Each line's own status: lines commit parcel by parcel. */
  lineStates: ReservationLineState[];
}

@Injectable()
export class ReservationsRepository {
  constructor(readonly database: Database) {}

  /**
   * Serializes every operation on one order's reservation until the transaction ends, so a
   * retried reserve waits for the first attempt and then finds its lines instead of reserving twice.
   */
  async lockOrder(tx: Transaction, orderId: string): Promise<void> {
    await tx.query(`select pg_advisory_xact_lock(hashtextextended('reservation:' || $1, 0))`, [
      orderId,
    ]);
  }

  async find(
    orderId: string,
    tx: Queryable = this.database.pool,
  ): Promise<ReservationRecord | undefined> {
    const { rows } = await tx.query(
      `select sku, quantity, unit_price_cents, warehouse, status
         from reservations where order_id = $1
        order by sku collate "C"`,
      [orderId],
    );
    if (rows.length === 0) return undefined;
    return {
      orderId,
      status: reservationStatusOf(rows.map((row) => row.status)),
      lines: rows.map((row) => ({
        sku: row.sku,
        quantity: row.quantity,
        unitPriceCents: row.unit_price_cents,
        warehouse: row.warehouse,
      })),
      lineStates: rows.map((row) => ({
        sku: row.sku,
        quantity: row.quantity,
        status: row.status,
      })),
    };
  }

  /**
   * Locks the stock rows of the given SKUs in ascending SKU order (the sort runs before the
   * locking), the one order every transaction takes them in; unknown SKUs are simply absent.
   */
  async lockStock(tx: Transaction, skus: readonly string[]): Promise<StockedProduct[]> {
    const { rows } = await tx.query(
      `select s.sku, s.on_hand, p.price_cents, p.warehouse, p.low_stock_threshold
         from stock s join products p on p.sku = s.sku
        where s.sku = any($1::text[])
        order by s.sku collate "C"
          for update of s`,
      [skus],
    );
    return rows.map((row) => ({
      sku: row.sku,
      onHand: row.on_hand,
      priceCents: row.price_cents,
      warehouse: row.warehouse,
      lowStockThreshold: row.low_stock_threshold,
    }));
  }

  /** Locks, in ascending SKU order, the stock rows an order's reservation touches. */
  async lockStockOfOrder(tx: Transaction, orderId: string): Promise<void> {
    await tx.query(
      `select s.sku from stock s
        where s.sku in (select sku from reservations where order_id = $1)
        order by s.sku collate "C"
          for update of s`,
      [orderId],
    );
  }

  /**
   * Moves the lines' units from on_hand to reserved and records them; the stock rows are locked.
   * A row takes the write only if its SKU's fencing token is no older than the last it took;
   * any row refusing throws a StaleLockError, and the caller's transaction writes nothing.
   */
  async reserve(
    tx: Transaction,
    orderId: string,
    lines: readonly ReservedLine[],
    fencingTokens: ReadonlyMap<string, number>,
  ): Promise<void> {
    const skus = lines.map((l) => l.sku);
    const quantities = lines.map((l) => l.quantity);
    const { rows } = await tx.query<{ sku: string }>(
      `update stock s
          set on_hand = s.on_hand - l.quantity, reserved = s.reserved + l.quantity,
              fencing_token = l.fencing_token, updated_at = now()
         from unnest($1::text[], $2::int[], $3::bigint[]) as l (sku, quantity, fencing_token)
        where s.sku = l.sku and s.fencing_token <= l.fencing_token
       returning s.sku`,
      [skus, quantities, skus.map((sku) => fencingTokenOf(fencingTokens, sku))],
    );
    const written = new Set(rows.map((row) => row.sku));
    const refused = skus.filter((sku) => !written.has(sku));
    if (refused.length > 0) throw new StaleLockError(refused.map(stockLockOf));
    await tx.query(
      `insert into reservations (order_id, sku, quantity, unit_price_cents, warehouse, status)
       select $1, l.sku, l.quantity, l.unit_price_cents, l.warehouse, 'RESERVED'
         from unnest($2::text[], $3::int[], $4::bigint[], $5::text[])
           as l (sku, quantity, unit_price_cents, warehouse)`,
      [
        orderId,
        skus,
        quantities,
        lines.map((l) => l.unitPriceCents),
        lines.map((l) => l.warehouse),
      ],
    );
  }

  /** RESERVED lines become RELEASED and their units return from reserved to on_hand. */
  async release(tx: Transaction, orderId: string): Promise<SettledLine[]> {
    const { rows } = await tx.query(
      `with released as (
         update reservations set status = 'RELEASED', updated_at = now()
          where order_id = $1 and status = 'RESERVED'
         returning sku, quantity
       )
       update stock s
          set reserved = s.reserved - r.quantity, on_hand = s.on_hand + r.quantity, updated_at = now()
         from released r
        where s.sku = r.sku
       returning s.sku, r.quantity`,
      [orderId],
    );
    return toSettledLines(rows);
  }

  /**
   * RESERVED lines of the given SKUs become COMMITTED and their units move from reserved to
   * shipped; the stock rows are locked.
   */
  async commit(tx: Transaction, orderId: string, skus: readonly string[]): Promise<SettledLine[]> {
    const { rows } = await tx.query(
      `with committed as (
         update reservations set status = 'COMMITTED', updated_at = now()
          where order_id = $1 and status = 'RESERVED' and sku = any($2::text[])
         returning sku, quantity
       )
       update stock s
          set reserved = s.reserved - c.quantity, shipped = s.shipped + c.quantity, updated_at = now()
         from committed c
        where s.sku = c.sku
       returning s.sku, c.quantity`,
      [orderId, skus],
    );
    return toSettledLines(rows);
  }
}

function fencingTokenOf(fencingTokens: ReadonlyMap<string, number>, sku: string): number {
  const token = fencingTokens.get(sku);
  if (token === undefined) throw new Error(`no stock lock is held on ${sku}`);
  return token;
}

function toSettledLines(rows: { sku: string; quantity: number }[]): SettledLine[] {
  return rows
    .map((row) => ({ sku: row.sku, quantity: row.quantity }))
    .sort((a, b) => compareSkus(a.sku, b.sku));
}
