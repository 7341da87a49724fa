import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { OrdersRepository } from './orders.repository';
import { SagaStarter } from './saga-starter';

/**
 * Closes the one gap between committing a PENDING order and starting its saga: a crash in
 * between would leave the order waiting forever. Periodically (re)starts the saga of orders
 * still PENDING after a while; a saga that already runs is left alone (same workflow id).
 */
@Injectable()
export class SagaReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SagaReconciler.name);
  private timer?: NodeJS.Timeout;
  static readonly intervalMs = 15_000;
  static readonly pendingAgeSeconds = 30;

  constructor(
    private readonly orders: OrdersRepository,
    private readonly saga: SagaStarter,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.reconcile(), SagaReconciler.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<number> {
    try {
      const stale = await this.orders.stalePending(SagaReconciler.pendingAgeSeconds);
      for (const order of stale) await this.saga.start(order);
      return stale.length;
    } catch (error) {
      this.logger.warn(`reconciliation failed, will retry: ${String(error)}`);
      return 0;
    }
  }
}
