import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { OrderStatus, Reservation } from '@orchard/contracts';
import { recordSagaOutcome } from '@orchard/platform/metrics';
import { IllegalTransitionError } from '../domain/order-state-machine';
import { OrderTransitions, type RecordInSameTransaction } from '../order-transitions';
import { OrdersRepository } from '../orders.repository';

/**
 * The saga's outcomes, recorded where the order lives: each a move in its own transaction.
 * Repeating a move already made does nothing, so a retried activity is harmless; a move the
 * order may not make is a bug, not something a retry could fix.
 */
@Injectable()
export class SagaOutcomes {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly transitions: OrderTransitions,
  ) {}

  confirm(orderId: string, reservation: Reservation): Promise<void> {
    return this.moveTo(orderId, 'CONFIRMED', null, async (tx) => {
      await this.orders.recordPrices(tx, orderId, reservation.lines, reservation.totalCents);
      return { totalCents: reservation.totalCents, lines: reservation.lines };
    });
  }

  reject(orderId: string, reason: string): Promise<void> {
    return this.moveTo(orderId, 'REJECTED', reason);
  }

  cancel(orderId: string, reason: string): Promise<void> {
    return this.moveTo(orderId, 'CANCELLED', reason);
  }

  fail(orderId: string, reason: string): Promise<void> {
    return this.moveTo(orderId, 'FAILED', reason);
  }

  private async moveTo(
    orderId: string,
    to: OrderStatus,
    reason: string | null,
    recordAlso?: RecordInSameTransaction,
  ): Promise<void> {
    const moved = await this.orders.database.transaction(async (tx) => {
      const from = await this.orders.lockStatus(tx, orderId);
      if (from === undefined)
        throw ApplicationFailure.nonRetryable(`order ${orderId} does not exist`, 'UnknownOrder');
      if (from === to) return false;
      try {
        await this.transitions.move(tx, orderId, from, to, reason, recordAlso);
        return true;
      } catch (error) {
        if (error instanceof IllegalTransitionError)
          throw ApplicationFailure.nonRetryable(error.message, 'IllegalTransition');
        throw error;
      }
    });
    // The saga's outcomes are exactly these moves, each counted once however often retried.
    if (moved) recordSagaOutcome(to, reason);
  }
}
