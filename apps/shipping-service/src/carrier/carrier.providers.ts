import { Logger, type Provider } from '@nestjs/common';
import { PeriodicTask, type PeriodicTaskOptions } from '@orchard/platform/service';
import { ShipmentsService } from '../shipments/shipments.service';
import { CarrierClient } from './carrier-client';
import { CarrierUpdatesRepository } from './carrier-updates.repository';
import { ParcelHandover } from './parcel-handover';
import { UpdateProcessor } from './update-processor';
import { UpdateReceiver } from './update-receiver';

export interface CarrierOptions {
  /** The carrier's API. */
  url: string;
  /** Shared with the carrier: signs handovers, checks its updates. */
  secret: string;
  /** How long the carrier may say nothing of a parcel before it is handed over again. */
  silenceMs: number;
}

/** Applies queued updates: nudged when one arrives here, and every second for the rest. */
export class ProcessingRound extends PeriodicTask {}

/** Hands parcels that left over to the carrier, twice a second. */
export class HandoverRound extends PeriodicTask {}

/** From the start; rounds that fail in a row (what they need is down) back off to 10 s. */
const rounds: PeriodicTaskOptions = { runAtStart: true, maxBackoffMs: 10_000 };

export function carrierProviders(options: CarrierOptions): Provider[] {
  return [
    CarrierUpdatesRepository,
    {
      provide: UpdateReceiver,
      inject: [CarrierUpdatesRepository],
      useFactory: (updates: CarrierUpdatesRepository) =>
        new UpdateReceiver(updates, options.secret),
    },
    {
      provide: ProcessingRound,
      inject: [CarrierUpdatesRepository, ShipmentsService],
      useFactory: (updates: CarrierUpdatesRepository, shipments: ShipmentsService) => {
        const processor = new UpdateProcessor(updates, shipments);
        return new ProcessingRound(
          'applying carrier updates',
          1_000,
          () => processor.applyReady(),
          new Logger('CarrierUpdateProcessor'),
          rounds,
        );
      },
    },
    {
      provide: HandoverRound,
      inject: [CarrierUpdatesRepository],
      useFactory: (updates: CarrierUpdatesRepository) => {
        const handover = new ParcelHandover(
          updates,
          new CarrierClient(options.url, options.secret),
          options.silenceMs,
        );
        return new HandoverRound(
          'handing parcels over',
          500,
          () => handover.handOverDue(),
          new Logger('ParcelHandover'),
          rounds,
        );
      },
    },
  ];
}
