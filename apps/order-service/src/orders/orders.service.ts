import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type {
  OrderAccepted,
  OrderStatus,
  OrderView,
  PlaceOrderRequest,
  Reservation,
} from '@orchard/contracts';
import { appendToOutbox, ConflictError, NotFoundError, type Transaction } from '@orchard/platform';
import {
  assertTransition,
  IllegalTransitionError,
  isCancellable,
} from './domain/order-state-machine';
import { OrdersRepository } from './orders.repository';
import { SagaStarter } from './saga-starter';

const aggregateType = 'order';

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly saga: SagaStarter,
  ) {}

  /** Records the order as PENDING and starts its saga; the saga decides the rest. */
  async place(request: PlaceOrderRequest): Promise<OrderAccepted> {
    const input = { orderId: randomUUID(), ...request };
    await this.orders.database.transaction(async (tx) => {
      await this.orders.insert(tx, input);
      await appendToOutbox(tx, {
        type: 'order.placed',
        version: 1,
        aggregateType,
        aggregateId: input.orderId,
        data: { orderId: input.orderId, customerId: input.customerId, items: input.items },
      });
    });
    // Should the process die right here, the reconciler starts the saga of the PENDING order.
    await this.saga.start(input);
    return { orderId: input.orderId, status: 'PENDING' };
  }

  async get(orderId: string): Promise<OrderView> {
    const order = await this.orders.find(orderId);
    if (!order) throw new NotFoundError(`order ${orderId} does not exist`);
    return order;
  }

  /** Asks the saga to cancel; it compensates and ends the order CANCELLED. */
  async requestCancellation(orderId: string, reason: string): Promise<OrderAccepted> {
    const order = await this.get(orderId);
    if (!isCancellable(order.status)) {
      throw new ConflictError(
        `order ${orderId} is ${order.status} and can no longer be cancelled`,
        'order-not-cancellable',
      );
    }
    await this.saga.requestCancellation(orderId, reason);
    return { orderId, status: order.status };
  }

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

  /**
   * Moves the order and records the history and an `order.<status>` event in one transaction.
   * Repeating a move already made does nothing, so a retried activity is harmless.
   */
  private async moveTo(
    orderId: string,
    to: OrderStatus,
    reason: string | null,
    alsoDo?: (tx: Transaction) => Promise<object>,
  ): Promise<void> {
    await this.orders.database.transaction(async (tx) => {
      const from = await this.orders.lockStatus(tx, orderId);
      if (from === undefined)
        throw ApplicationFailure.nonRetryable(`order ${orderId} does not exist`, 'UnknownOrder');
      if (from === to) return;
      try {
        assertTransition(from, to);
      } catch (error) {
        if (error instanceof IllegalTransitionError)
          throw ApplicationFailure.nonRetryable(error.message, 'IllegalTransition');
        throw error;
      }
      await this.orders.changeStatus(tx, orderId, from, to, reason);
      const extra = (await alsoDo?.(tx)) ?? {};
      await appendToOutbox(tx, {
        type: `order.${to.toLowerCase()}`,
        version: 1,
        aggregateType,
        aggregateId: orderId,
        data: { orderId, status: to, previousStatus: from, reason, ...extra },
      });
    });
  }
}
