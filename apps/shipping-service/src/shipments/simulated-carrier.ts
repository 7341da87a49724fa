import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { carrierPollIntervalMs } from './domain/carrier-schedule';
import { ShipmentsService } from './shipments.service';

export interface CarrierOptions {
  /** From dispatch to delivery of a parcel. */
  deliveryDelayMs: number;
  /** Parcels delivered per transaction. */
  batchSize?: number;
}

/**
 * The carrier, simulated: delivers each dispatched parcel `deliveryDelayMs` after it left. It
 * keeps no state of its own: every round asks the database which parcels are due, so a restart
 * (or a second instance) loses and doubles nothing.
 */
export class SimulatedCarrier implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SimulatedCarrier.name);
  private readonly batchSize: number;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly shipments: ShipmentsService,
    private readonly options: CarrierOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.scheduleNextRound();
  }

  /** Before the database pool closes: the round in progress finishes its transaction first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** Delivers every parcel that is due, a batch per transaction; returns how many. */
  async deliverDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const delivered = await this.shipments.deliverDue(
        this.options.deliveryDelayMs,
        this.batchSize,
      );
      total += delivered;
      if (delivered < this.batchSize || this.stopped) return total;
    }
  }

  private scheduleNextRound(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.deliverDue()
        .then((delivered) => {
          if (delivered > 0) this.logger.log(`${delivered} parcel(s) delivered`);
        })
        .catch((error: unknown) => {
          this.logger.warn(`delivery round failed, will retry: ${String(error)}`);
        })
        .finally(() => this.scheduleNextRound());
    }, carrierPollIntervalMs(this.options.deliveryDelayMs));
    this.timer.unref();
  }
}

export function simulatedCarrierProvider(options: CarrierOptions): Provider {
  return {
    provide: SimulatedCarrier,
    inject: [ShipmentsService],
    useFactory: (shipments: ShipmentsService) => new SimulatedCarrier(shipments, options),
  };
}
