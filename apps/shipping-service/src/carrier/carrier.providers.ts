import type { Provider } from '@nestjs/common';
import { ShipmentsService } from '../shipments/shipments.service';
import { CarrierClient } from './carrier-client';
import { CarrierUpdatesRepository } from './carrier-updates.repository';
import { CarrierUpdatesService } from './carrier-updates.service';
import { ParcelHandover } from './parcel-handover';
import { RepeatingRound } from './repeating-round';

export interface CarrierOptions {
  /** The carrier's API. */
  url: string;
  /** Shared with the carrier: signs handovers, checks its updates. */
  secret: string;
  /** How long the carrier may say nothing of a parcel before it is handed over again. */
  silenceMs: number;
}

/** Applies queued updates: nudged when one arrives here, and every second for the rest. */
export class UpdateApplier extends RepeatingRound {}

/** Hands parcels that left over to the carrier, twice a second. */
export class HandoverRound extends RepeatingRound {}

export function carrierProviders(options: CarrierOptions): Provider[] {
  return [
    CarrierUpdatesRepository,
    {
      provide: CarrierUpdatesService,
      inject: [CarrierUpdatesRepository, ShipmentsService],
      useFactory: (updates: CarrierUpdatesRepository, shipments: ShipmentsService) =>
        new CarrierUpdatesService(updates, shipments, options.secret),
    },
    {
      provide: UpdateApplier,
      inject: [CarrierUpdatesService],
      useFactory: (service: CarrierUpdatesService) =>
        new UpdateApplier('CarrierUpdateApplier', 1_000, () => service.applyReady()),
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
        return new HandoverRound('ParcelHandover', 500, () => handover.handOverDue());
      },
    },
  ];
}
