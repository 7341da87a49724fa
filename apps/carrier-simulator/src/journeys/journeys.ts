import type { Logger } from 'pino';
import { abortableDelay } from './abortable-delay';
import { withCarrierHabits, type Habits } from './carrier-habits';
import { plannedJourney } from './planned-journey';
import type { UpdateSender } from './update-sender';

export interface JourneyOptions extends Habits {
  deliveryDelayMs: number;
  failedDeliveryRate: number;
}

/**
 * The parcels on their way, in memory: a carrier that restarts forgets them, and the shop
 * hands over again those it has heard nothing of for a while. A parcel handed over while its
 * journey runs is not started twice; one handed over after it ended is reported again.
 */
export class Journeys {
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly sender: UpdateSender,
    private readonly options: JourneyOptions,
    private readonly logger: Logger,
  ) {}

  /** Starts each parcel's journey unless it is on its way; returns how many started. */
  takeOver(parcelIds: readonly string[]): number {
    let started = 0;
    for (const parcelId of parcelIds) {
      if (this.running.has(parcelId) || this.stopping.signal.aborted) continue;
      const journey = this.run(parcelId, new Date()).finally(() => this.running.delete(parcelId));
      this.running.set(parcelId, journey);
      started++;
    }
    return started;
  }

  get inTransit(): number {
    return this.running.size;
  }

  /** Stops sending: what was not sent is sent again when the shop hands the parcel over again. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled(this.running.values());
  }

  private async run(parcelId: string, handedOverAt: Date): Promise<void> {
    const { deliveryDelayMs, failedDeliveryRate } = this.options;
    const sendings = withCarrierHabits(
      plannedJourney(parcelId, deliveryDelayMs, failedDeliveryRate),
      this.options,
    );
    const signal = this.stopping.signal;
    await Promise.all(
      sendings.map(async ({ update, sendAfterMs }) => {
        await abortableDelay(sendAfterMs, signal);
        if (signal.aborted) return;
        await this.sender.send(
          {
            parcelId,
            sequence: update.sequence,
            status: update.status,
            occurredAt: new Date(handedOverAt.getTime() + update.afterMs).toISOString(),
          },
          signal,
        );
      }),
    );
    if (!signal.aborted) this.logger.debug({ parcelId }, 'journey reported');
  }
}
