import { Injectable } from '@nestjs/common';
import { businessErrors, type OrderLineRequest, type Reservation } from '@orchard/contracts';
import {
  appendToOutbox,
  businessFailure,
  ConflictError,
  NotFoundError,
  type Transaction,
} from '@orchard/platform';
import { ApplicationFailure } from '@temporalio/common';
import { appendLowStockAlerts, inventoryEvents } from '../stock/inventory-events';
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
  constructor(private readonly reservations: ReservationsRepository) {}

  /** Reserves every line at the catalog's price, or nothing at all. */
  async reserve(orderId: string, items: readonly OrderLineRequest[]): Promise<Reservation> {
    const problem = requestProblem(items);
    // Malformed input cannot improve with retries: fail the activity at once.
    if (problem) throw ApplicationFailure.nonRetryable(problem, 'InvalidReservationRequest');
    const lines = mergeRequestedLines(items);

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
      await this.reservations.reserve(tx, orderId, plan.reservation.lines);
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

  /** The order's parcels left: reserved units become shipped. */
  async commit(orderId: string): Promise<void> {
    await this.reservations.database.transaction(async (tx) => {
      const status = await this.lockedStatus(tx, orderId);
      if (status === undefined) throw new NotFoundError(`no reservation for order ${orderId}`);
      if (status === 'COMMITTED') return;
      if (status === 'RELEASED') {
        throw new ConflictError(`stock for order ${orderId} was released, it cannot ship`);
      }
      await this.reservations.lockStockOfOrder(tx, orderId);
      const committed = await this.reservations.commit(tx, orderId);
      await appendToOutbox(tx, inventoryEvents.stockCommitted(orderId, committed));
    });
  }

  async get(orderId: string): Promise<ReservationView> {
    const reservation = await this.reservations.find(orderId);
    if (!reservation) throw new NotFoundError(`no reservation for order ${orderId}`);
    return { orderId, status: reservation.status, ...toReservation(reservation) };
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
