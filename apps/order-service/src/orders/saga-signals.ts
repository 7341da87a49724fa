import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Transaction } from '@orchard/platform';
import { FulfilmentRepository, type OwedSignal } from './fulfilment.repository';
import { SagaStarter } from './saga-starter';

/**
 * Sends the order saga the signals it is owed, only once the change they report has
 * committed: a signal is recorded in the transaction of that change (`owe`), sent right after
 * it commits (`sendAfterCommit`), and a periodic sweep sends whatever a crash or an
 * unreachable Temporal left behind. Sending twice is harmless; a saga that has already
 * finished counts as signalled.
 */
@Injectable()
export class SagaSignals implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly sweepIntervalMs = 5_000;
  static readonly batchSize = 100;
  private readonly logger = new Logger(SagaSignals.name);
  private readonly sending = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly fulfilment: FulfilmentRepository,
    private readonly saga: SagaStarter,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.track(this.sweep()), SagaSignals.sweepIntervalMs);
    this.timer.unref();
    this.track(this.sweep());
  }

  /** Before the Temporal client and the database close: signals in flight finish first. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.sending]);
  }

  owe(tx: Transaction, signal: OwedSignal): Promise<void> {
    return this.fulfilment.oweSignal(tx, signal);
  }

  /**
   * Called inside the transaction that owes the signal and holds the order's row lock: waits
   * for that lock, then sends what the order is owed. Never throws.
   */
  sendAfterCommit(orderId: string): void {
    this.track(
      this.fulfilment
        .untilOrderUnlocked(orderId)
        .then(() => this.send(orderId))
        .catch((error: unknown) => {
          this.logger.warn(`signal to the saga of order ${orderId} left for the sweep: ${error}`);
        }),
    );
  }

  /** Sends the owed signals (of one order, or the oldest of all); returns how many. */
  send(orderId?: string): Promise<number> {
    return this.fulfilment.database.transaction(async (tx) => {
      const owed = await this.fulfilment.lockOwedSignals(tx, SagaSignals.batchSize, orderId);
      for (const { orderId: id, signal } of owed) {
        if (signal === 'orderShipped') await this.saga.reportShipped(id);
      }
      await this.fulfilment.markSent(tx, owed);
      return owed.length;
    });
  }

  private async sweep(): Promise<void> {
    try {
      let sent: number;
      do sent = await this.send();
      while (sent === SagaSignals.batchSize);
    } catch (error) {
      this.logger.warn(`sending owed saga signals failed, will retry: ${String(error)}`);
    }
  }

  private track(promise: Promise<unknown>): void {
    this.sending.add(promise);
    void promise.finally(() => this.sending.delete(promise));
  }
}
