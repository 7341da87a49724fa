import { ShipmentsService } from '../shipments/shipments.service';
import { recordApplied } from './carrier-metrics';
import { CarrierUpdatesRepository } from './carrier-updates.repository';

/**
 * The carrier's webhook, processing: the updates `UpdateReceiver` stored are applied to their
 * parcels in sequence, once; a delivery delivers the parcel.
 */
export class UpdateProcessor {
  constructor(
    private readonly updates: CarrierUpdatesRepository,
    private readonly shipments: ShipmentsService,
  ) {}

  /**
   * Applies the updates that are next in their parcel's journey, a shipment per transaction
   * (its row locked, so one applier at a time), each parcel as far as its updates have
   * arrived. Returns how many were applied.
   */
  async applyReady(maxShipments = 100): Promise<number> {
    let applied = 0;
    for (let shipments = 0; shipments < maxShipments; shipments++) {
      const count = await this.applyOneShipment();
      if (count === undefined) break;
      applied += count;
    }
    return applied;
  }

  private applyOneShipment(): Promise<number | undefined> {
    return this.updates.database.transaction(async (tx) => {
      const orderId = await this.updates.lockShipmentReady(tx);
      if (orderId === undefined) return undefined;
      let applied = 0;
      for (;;) {
        const update = await this.updates.nextUpdate(tx, orderId);
        if (!update) return applied;
        if (update.status === 'DELIVERED' && update.parcelStatus === 'DISPATCHED')
          await this.shipments.deliverParcel(tx, update, update.occurredAt);
        await this.updates.markApplied(tx, update);
        recordApplied(update.status);
        applied++;
      }
    });
  }
}
