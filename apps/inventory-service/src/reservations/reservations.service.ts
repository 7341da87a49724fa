import { Injectable } from '@nestjs/common';
import { businessErrors, type OrderLineRequest, type Reservation } from '@orchard/contracts';
import { type Transaction } from '@orchard/platform/database';
import { ConflictError, NotFoundError } from '@orchard/platform/http';
import { FencedLocks } from '@orchard/platform/locks';
import { appendToOutbox } from '@orchard/platform/outbox';
import { businessFailure } from '@orchard/platform/temporal';
import { ApplicationFailure } from '@temporalio/common';
import { appendLowStockAlerts, inventoryEvents, type SettledLine } from '../stock/inventory-events';
import { planParcelCommit } from './domain/parcel-commit';
import {
  mergeRequestedLines,
  planReservation,
  requestProblem,
  totalCents,
  type Shortage,
} from './domain/reservation-plan';
import {
  ReservationsRepository,
  type ReservationRecord,
  type ReservationStatus,
} from './reservations.repository';
import { fencingTokensOf, stockLockOf } from './stock-locks';

export interface ReservationView extends Reservation {
  orderId: string;
  status: ReservationStatus;
}

const describeShortages = (shortages: Shortage[]): string =>
  shortages.map((s) => `${s.sku}: ${s.requested} requested, ${s.available} available`).join('; ');

/**
 * Stock reservations per order. Every operation is idempotent by order id (Temporal may retry
 * it), runs in one transaction, and only moves units between on_hand, reserved and shipped.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly reservations: ReservationsRepository,
    private readonly locks: FencedLocks,
  ) {}

  /**
   * Reserves every line at the catalog's price, or nothing at all. The stock lock of every SKU
   * is taken first (in one fixed order) and given up once the transaction has ended; a lock
   * that is busy, unreachable or lost on the way fails with a retryable error, having written
   * nothing.
   */
  async reserve(orderId: string, items: readonly OrderLineRequest[]): Promise<Reservation> {
    const problem = requestProblem(items);
    // Malformed input cannot improve with retries: fail the activity at once.
    if (problem) throw ApplicationFailure.nonRetryable(problem, 'InvalidReservationRequest');
    const lines = mergeRequestedLines(items);
    const skus = lines.map((l) => l.sku);

    return this.locks.withLocks(skus.map(stockLockOf), (locks) =>
      this.reserveLocked(orderId, lines, fencingTokensOf(locks, skus)),
    );
  }

  /** The reservation, in one transaction, under the stock locks whose tokens are given. */
  private async reserveLocked(
    orderId: string,
    lines: readonly OrderLineRequest[],
    fencingTokens: ReadonlyMap<string, number>,
  ): Promise<Reservation> {
    return this.reservations.database.transaction(async (tx) => {
      await this.reservations.lockOrder(tx, orderId);
      const existing = await this.reservations.find(orderId, tx);
      if (existing) return toReservation(existing);

      const stocked = await this.reservations.lockStock(
        tx,
        lines.map((l) => l.sku),
      );
      const plan = planReservation(lines, stocked);
      if (plan.outcome === 'unknown-products') {
        throw businessFailure(businessErrors.unknownProduct, `unknown SKU ${plan.skus.join(', ')}`);
      }
      if (plan.outcome === 'out-of-stock') {
        throw businessFailure(businessErrors.outOfStock, describeShortages(plan.shortages));
      }
      await this.reservations.reserve(tx, orderId, plan.reservation.lines, fencingTokens);
      await appendToOutbox(tx, inventoryEvents.stockReserved(orderId, plan.reservation));
      await appendLowStockAlerts(tx, plan.onHandChanges);
      return plan.reservation;
    });
  }

  /** The saga's compensation: reserved units go back on hand. */
  async release(orderId: string): Promise<void> {
    await this.reservations.database.transaction(async (tx) => {
      const status = await this.lockedStatus(tx, orderId);
      if (status === undefined || status === 'RELEASED') return;
      if (status === 'COMMITTED') {
        throw new ConflictError(`stock for order ${orderId} has already left the warehouse`);
      }
      await this.reservations.lockStockOfOrder(tx, orderId);
      const released = await this.reservations.release(tx, orderId);
      await appendToOutbox(tx, inventoryEvents.stockReleased(orderId, released));
    });
  }

  /** All of the order's parcels left: every reserved unit becomes shipped. */
  async commit(orderId: string): Promise<void> {
    await this.reservations.database.transaction(async (tx) => {
      const reservation = await this.lockedReservation(tx, orderId);
      await this.commitLines(tx, reservation, reservation.lines);
    });
  }

  /**
   * One parcel left its warehouse: the reserved lines of its items become shipped, in the
   * caller's transaction, with one `stock.committed` for them. A parcel seen before commits
   * nothing; one that contradicts the reservation is refused with a ConflictError.
   */
  async commitParcel(
    tx: Transaction,
    orderId: string,
    items: readonly { sku: string; quantity: number }[],
  ): Promise<SettledLine[]> {
    return this.commitLines(tx, await this.lockedReservation(tx, orderId), items);
  }

  async get(orderId: string): Promise<ReservationView> {
    const reservation = await this.reservations.find(orderId);
    if (!reservation) throw new NotFoundError(`no reservation for order ${orderId}`);
    return { orderId, status: reservation.status, ...toReservation(reservation) };
  }

  private async lockedReservation(tx: Transaction, orderId: string): Promise<ReservationRecord> {
    await this.reservations.lockOrder(tx, orderId);
    const reservation = await this.reservations.find(orderId, tx);
    if (!reservation) throw new NotFoundError(`no reservation for order ${orderId}`);
    return reservation;
  }

  /** Commits the still reserved lines among `items`; the order is locked by the caller. */
  private async commitLines(
    tx: Transaction,
    { orderId, lineStates }: ReservationRecord,
    items: readonly { sku: string; quantity: number }[],
  ): Promise<SettledLine[]> {
    const plan = planParcelCommit(lineStates, items);
    if (plan.outcome === 'refused')
      throw new ConflictError(`stock for order ${orderId} cannot ship: ${plan.problem}`);
    if (plan.skus.length === 0) return [];
    await this.reservations.lockStockOfOrder(tx, orderId);
    const committed = await this.reservations.commit(tx, orderId, plan.skus);
    await appendToOutbox(tx, inventoryEvents.stockCommitted(orderId, committed));
    return committed;
  }

  private async lockedStatus(
    tx: Transaction,
    orderId: string,
  ): Promise<ReservationStatus | undefined> {
    await this.reservations.lockOrder(tx, orderId);
    return (await this.reservations.find(orderId, tx))?.status;
  }
}

function toReservation({ lines }: ReservationRecord): Reservation {
  return { lines, totalCents: totalCents(lines) };
}
