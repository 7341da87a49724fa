import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter } from 'prom-client';
import { PeriodicTask } from '@orchard/platform/service';
import type { PlaceOrderInput } from '@orchard/contracts';
import { OrdersRepository, type PendingCursor } from '../orders.repository';
import { SagaClient } from './saga-client';

/** What the reconciler did about one stranded order. */
export type ReconcilerAction = 'started' | 'restarted' | 'running' | 'inconsistent';

const actions = new Counter({
  name: 'orchard_saga_reconciler_actions_total',
  help: 'Orders still PENDING after a while, by what the reconciler found and did.',
  labelNames: ['action'] as const,
});

/**
 * Finds every order still PENDING after a while, however old, and acts on its saga's real
 * status in Temporal:
 * - missing (a crash between committing the order and starting it): starts it;
 * - failed, terminated, timed out or cancelled (it died without recording an outcome): starts
 *   a new run, which resumes from what the idempotent steps already did;
 * - running: leaves it alone (a stuck compensation is reported by the saga itself);
 * - completed, yet the order is PENDING: cannot happen, as the saga records its outcome
 *   before it completes; logged as an error for an operator.
 */
@Injectable()
export class SagaReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly intervalMs = 15_000;
  static readonly pendingAgeSeconds = 30;
  static readonly pageSize = 100;
  private readonly logger = new Logger(SagaReconciler.name);
  private readonly sweep = new PeriodicTask(
    'reconciliation',
    SagaReconciler.intervalMs,
    () => this.reconcile(),
    this.logger,
  );

  constructor(
    private readonly orders: OrdersRepository,
    private readonly saga: SagaClient,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweep.stop();
  }

  /** One walk over the stranded orders; counts by action. */
  async reconcile(
    pendingAgeSeconds = SagaReconciler.pendingAgeSeconds,
  ): Promise<Record<ReconcilerAction, number>> {
    const done = { started: 0, restarted: 0, running: 0, inconsistent: 0 };
    let cursor: PendingCursor | undefined;
    let page;
    do {
      page = await this.orders.stalePending(pendingAgeSeconds, SagaReconciler.pageSize, cursor);
      for (const { order } of page) {
        const action = await this.reconcileOne(order);
        done[action] += 1;
        actions.inc({ action });
      }
      cursor = page.at(-1)?.cursor;
    } while (page.length === SagaReconciler.pageSize);
    return done;
  }

  private async reconcileOne(order: PlaceOrderInput): Promise<ReconcilerAction> {
    const status = await this.saga.status(order.orderId);
    switch (status) {
      case 'RUNNING':
      case 'PAUSED':
        return 'running';
      case 'MISSING':
        await this.saga.start(order);
        this.logger.warn(`order ${order.orderId} was PENDING without a saga: started it`);
        return 'started';
      case 'COMPLETED':
      case 'CONTINUED_AS_NEW':
        this.logger.error(
          `order ${order.orderId} is PENDING but its saga completed (${status}): inspect it`,
        );
        return 'inconsistent';
      default:
        await this.saga.start(order);
        this.logger.warn(
          `order ${order.orderId}'s saga ended ${status} without an outcome: restarted it`,
        );
        return 'restarted';
    }
  }
}
