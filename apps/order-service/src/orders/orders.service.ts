import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type {
  OrderAccepted,
  OrderStatus,
  OrderView,
  PlaceOrderInput,
  PlaceOrderCommand,
  Reservation,
} from '@orchard/contracts';
import {
  activeTraceId,
  appendToOutbox,
  ConflictError,
  NotFoundError,
  recordSagaOutcome,
  withOrderId,
  type Transaction,
} from '@orchard/platform';
import {
  fulfilmentMoves,
  laterParcelStatus,
  shipmentOutOfStep,
  type ParcelStatus,
} from './domain/fulfilment';
import {
  assertTransition,
  IllegalTransitionError,
  isCancellable,
} from './domain/order-state-machine';
import { FulfilmentRepository } from './fulfilment.repository';
import { OrdersRepository } from './orders.repository';
import { SagaSignals } from './saga-signals';
import { SagaStarter } from './saga-starter';

const aggregateType = 'order';

/** What news of the order's parcels did to it. */
export interface FulfilmentOutcome {
  /** The order's status before. */
  from: OrderStatus;
  /** The moves made, in order: SHIPPED, DELIVERED, both or none. */
  moves: OrderStatus[];
  /** The parcels have left, but the order is in no state to follow (e.g. cancelled meanwhile). */
  outOfStep: boolean;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly saga: SagaStarter,
    private readonly fulfilment: FulfilmentRepository,
    private readonly signals: SagaSignals,
  ) {}

  /**
   * Records the order as PENDING and starts its saga; the saga decides the rest. Placing an
   * order whose id exists already (a retry) places nothing and answers its current status.
   */
  place(request: PlaceOrderCommand): Promise<OrderAccepted> {
    const input = { ...request, orderId: request.orderId ?? randomUUID() };
    return withOrderId(input.orderId, () => this.record(input));
  }

  private async record(input: PlaceOrderInput): Promise<OrderAccepted> {
    const status = await this.orders.database.transaction(async (tx) => {
      if (!(await this.orders.insert(tx, input, activeTraceId() ?? null))) {
        const existing = await this.orders.lockOwnerAndStatus(tx, input.orderId);
        if (existing?.customerId !== input.customerId)
          throw new ConflictError(`order ${input.orderId} belongs to someone else`);
        return existing.status;
      }
      await appendToOutbox(tx, {
        type: 'order.placed',
        version: 1,
        aggregateType,
        aggregateId: input.orderId,
        data: { orderId: input.orderId, customerId: input.customerId, items: input.items },
      });
      return 'PENDING' as const;
    });
    // Should the process die right here, the reconciler starts the saga of the PENDING order;
    // starting it again for a retry is harmless (one workflow id per order).
    await this.saga.start(input);
    return { orderId: input.orderId, status };
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
   * News of the order's parcels from the shipping service, in the caller's transaction (the
   * event consumer's): records each parcel's progress, moves the order CONFIRMED → SHIPPED
   * when the first parcel has left and SHIPPED → DELIVERED once all have arrived, and owes the
   * saga its `orderShipped` signal, sent after commit. Old or repeated news changes nothing.
   */
  async followShipment(
    tx: Transaction,
    orderId: string,
    news: readonly { parcelId: string; status: ParcelStatus }[],
  ): Promise<FulfilmentOutcome> {
    const from = await this.orders.lockStatus(tx, orderId);
    if (from === undefined) throw new NotFoundError(`order ${orderId} does not exist`);
    const parcels = await this.fulfilment.parcels(tx, orderId);
    for (const { parcelId, status } of news)
      parcels.set(parcelId, laterParcelStatus(parcels.get(parcelId) ?? status, status));
    await this.fulfilment.saveParcels(tx, orderId, parcels);

    const statuses = [...parcels.values()];
    const moves = fulfilmentMoves(from, statuses);
    let current = from;
    for (const to of moves) {
      await this.changeStatus(tx, orderId, current, to, null);
      current = to;
    }
    if (moves.includes('SHIPPED')) {
      await this.signals.owe(tx, { orderId, signal: 'orderShipped' });
      this.signals.sendAfterCommit(orderId);
    }
    return { from, moves, outOfStep: shipmentOutOfStep(from, statuses) };
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
    const moved = await this.orders.database.transaction(async (tx) => {
      const from = await this.orders.lockStatus(tx, orderId);
      if (from === undefined)
        throw ApplicationFailure.nonRetryable(`order ${orderId} does not exist`, 'UnknownOrder');
      if (from === to) return false;
      try {
        await this.changeStatus(tx, orderId, from, to, reason, alsoDo);
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

  /** The move itself, on a locked order: status, history and the `order.<status>` event. */
  private async changeStatus(
    tx: Transaction,
    orderId: string,
    from: OrderStatus,
    to: OrderStatus,
    reason: string | null,
    alsoDo?: (tx: Transaction) => Promise<object>,
  ): Promise<void> {
    assertTransition(from, to);
    await this.orders.changeStatus(tx, orderId, from, to, reason);
    const extra = (await alsoDo?.(tx)) ?? {};
    await appendToOutbox(tx, {
      type: `order.${to.toLowerCase()}`,
      version: 1,
      aggregateType,
      aggregateId: orderId,
      data: { orderId, status: to, previousStatus: from, reason, ...extra },
    });
  }
}
