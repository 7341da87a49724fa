import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@orchard/contracts';
import { type Transaction } from '@orchard/platform/database';
import { appendToOutbox } from '@orchard/platform/outbox';
import { assertTransition } from './domain/order-state-machine';
import { OrdersRepository } from './orders.repository';

/** What a move also records in its transaction, returned as extra data of its event. */
export type RecordInSameTransaction = (tx: Transaction) => Promise<object>;

/**
 * The one way an order changes status: the state machine's guard, the status, its history and
 * the `order.<status>` event, all in the caller's transaction.
 */
@Injectable()
export class OrderTransitions {
  constructor(private readonly orders: OrdersRepository) {}

  /** Moves a locked order from `from` to `to`; throws IllegalTransitionError if it may not. */
  async move(
    tx: Transaction,
    orderId: string,
    from: OrderStatus,
    to: OrderStatus,
    reason: string | null,
    recordAlso?: RecordInSameTransaction,
  ): Promise<void> {
    assertTransition(from, to);
    await this.orders.changeStatus(tx, orderId, from, to, reason);
    const extra = (await recordAlso?.(tx)) ?? {};
    await appendToOutbox(tx, {
      type: `order.${to.toLowerCase()}`,
      version: 1,
      aggregateType: 'order',
      aggregateId: orderId,
      data: { orderId, status: to, previousStatus: from, reason, ...extra },
    });
  }
}
