import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  OrderAccepted,
  OrderView,
  PlaceOrderCommand,
  PlaceOrderInput,
} from '@orchard/contracts';
import { ConflictError, NotFoundError } from '@orchard/platform/http';
import { withOrderId } from '@orchard/platform/logging';
import { appendToOutbox } from '@orchard/platform/outbox';
import { activeTraceId } from '@orchard/platform/telemetry';
import { isCancellable } from '../domain/order-state-machine';
import { OrdersRepository } from '../orders.repository';
import { SagaClient } from '../saga/saga-client';
import { StuckCompensations } from '../saga/stuck-compensations';

/** What customers (through the gateway) and operators ask of orders over HTTP. */
@Injectable()
export class OrderCommands {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly saga: SagaClient,
    private readonly stuck: StuckCompensations,
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
        aggregateType: 'order',
        aggregateId: input.orderId,
        data: { orderId: input.orderId, customerId: input.customerId, items: input.items },
      });
      return 'PENDING' as const;
    });
    // Should the process die right here, the reconciler starts the saga of the PENDING order;
    // starting it again for a retry is harmless (one workflow id per order).
    if (status === 'PENDING') await this.saga.start(input);
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

  /** An operator's retry of the compensation the order's saga reported stuck. */
  async retryCompensations(orderId: string): Promise<void> {
    await this.get(orderId);
    if (!(await this.stuck.isWaiting(orderId))) {
      throw new ConflictError(
        `order ${orderId} has no compensation waiting for a retry`,
        'nothing-to-retry',
      );
    }
    await this.saga.retryCompensations(orderId);
  }
}
