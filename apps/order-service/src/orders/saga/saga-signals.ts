import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Transaction } from '@orchard/platform/database';
import { PeriodicTask } from '@orchard/platform/service';
import { FulfilmentRepository, type OwedSignal } from '../fulfilment/fulfilment.repository';
import { SagaClient } from './saga-client';

/**
 * Sends the order saga the signals it is owed, only once the change they report has
 * committed: `owe` records the signal in the transaction of that change and sends it after
 * that transaction commits; a periodic sweep sends whatever a crash or an unreachable
 * Temporal left behind. Sending twice is harmless; a saga that has already finished counts as
 * signalled.
 */
@Injectable()
export class SagaSignals implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly sweepIntervalMs = 5_000;
  static readonly batchSize = 100;
  private readonly logger = new Logger(SagaSignals.name);
  private readonly sweeps = new PeriodicTask(
    'sending owed saga signals',
    SagaSignals.sweepIntervalMs,
    () => this.sendAllOwed(),
    this.logger,
  );

  constructor(
    private readonly fulfilment: FulfilmentRepository,
    private readonly saga: SagaClient,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeps.start();
    void this.sweep();
  }

  /** Before the Temporal client and the database close: a sweep in progress finishes first. */
  beforeApplicationShutdown(): Promise<void> {
    return this.sweeps.stop();
  }

  async owe(tx: Transaction, signal: OwedSignal): Promise<void> {
    await this.fulfilment.oweSignal(tx, signal);
    tx.afterCommit(() => this.send(signal.orderId));
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

  /** Sends every owed signal, a batch at a time; a failure waits for the next sweep. */
  sweep(): Promise<void> {
    return this.sweeps.run();
  }

  private async sendAllOwed(): Promise<void> {
    let sent: number;
    do sent = await this.send();
    while (sent === SagaSignals.batchSize);
  }
}
