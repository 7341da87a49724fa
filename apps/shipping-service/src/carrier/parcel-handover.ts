import type { Database } from '@orchard/platform/database';
import { recordHandedOver } from './carrier-metrics';
import type { CarrierClient } from './carrier-client';
import type { CarrierUpdatesRepository } from './carrier-updates.repository';

/**
 * Parcels that left hand over to the carrier: those it has not taken yet, and those it has gone
 * quiet about for `silenceMs` (a carrier forgets what it carried when it restarts; it reports
 * a parcel's journey again, and the shop keeps what it already had). The parcels stay locked
 * while the carrier is called, so two instances never hand over the same parcel at once; a
 * call that fails leaves them for the next round.
 */
export class ParcelHandover {
  constructor(
    private readonly updates: CarrierUpdatesRepository,
    private readonly carrier: CarrierClient,
    private readonly silenceMs: number,
    private readonly batchSize = 100,
  ) {}

  private get database(): Database {
    return this.updates.database;
  }

  /** Hands over every parcel due, a batch per transaction; returns how many. */
  async handOverDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const handed = await this.database.transaction(async (tx) => {
        const parcelIds = await this.updates.lockParcelsToHandOver(
          tx,
          this.silenceMs,
          this.batchSize,
        );
        if (parcelIds.length === 0) return 0;
        await this.carrier.handOver(parcelIds);
        await this.updates.markHandedOver(tx, parcelIds);
        return parcelIds.length;
      });
      recordHandedOver(handed);
      total += handed;
      if (handed < this.batchSize) return total;
    }
  }
}
