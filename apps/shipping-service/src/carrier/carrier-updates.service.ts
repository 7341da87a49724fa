import { Logger } from '@nestjs/common';
import {
  CarrierStatusUpdate,
  type CarrierUpdateReceipt,
  type SignedCarrierMessage,
} from '@orchard/contracts';
import { DomainError, UnprocessableError } from '@orchard/platform/http';
import { SignatureRefused, verifyMessage } from '@orchard/platform/webhooks';
import { ShipmentsService } from '../shipments/shipments.service';
import { recordApplied, recordReceipt } from './carrier-metrics';
import { CarrierUpdatesRepository } from './carrier-updates.repository';

function parseUpdate(body: string): CarrierStatusUpdate | undefined {
  try {
    const parsed = CarrierStatusUpdate.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The carrier's webhook, receiver and processor: an update is verified and stored (the
 * answer, fast), then applied to its parcel in sequence by `applyReady`, once.
 */
export class CarrierUpdatesService {
  private readonly logger = new Logger(CarrierUpdatesService.name);

  constructor(
    private readonly updates: CarrierUpdatesRepository,
    private readonly shipments: ShipmentsService,
    /** Shared with the carrier (CARRIER_WEBHOOK_SECRET). */
    private readonly secret: string,
  ) {}

  /** Verifies a signed update and queues it; a forged, stale or replayed one changes nothing. */
  async receive(message: SignedCarrierMessage): Promise<CarrierUpdateReceipt> {
    try {
      verifyMessage(
        this.secret,
        {
          'webhook-id': message.id,
          'webhook-timestamp': message.timestamp,
          'webhook-signature': message.signature,
        },
        message.body,
      );
    } catch (error) {
      if (!(error instanceof SignatureRefused)) throw error;
      recordReceipt(
        error.reason === 'timestamp-out-of-tolerance'
          ? 'timestamp-out-of-tolerance'
          : 'signature-refused',
      );
      this.logger.warn(`refused a carrier update: ${error.reason} (message ${message.id})`);
      throw new DomainError(401, 'signature-refused', `The signature is refused: ${error.reason}.`);
    }
    const update = parseUpdate(message.body);
    if (!update) {
      recordReceipt('invalid');
      throw new UnprocessableError('The body is not a carrier status update.', 'invalid-update');
    }
    const arrival = await this.updates.queue(message.id, update);
    switch (arrival) {
      case 'unknown-parcel':
        recordReceipt('unknown-parcel');
        throw new UnprocessableError(
          `No parcel ${update.parcelId} was handed over.`,
          'unknown-parcel',
        );
      case 'duplicate':
        recordReceipt('duplicate');
        return { outcome: 'duplicate' };
      case 'early':
        recordReceipt('queued-early');
        return { outcome: 'queued' };
      case 'next':
        recordReceipt('queued');
        return { outcome: 'queued' };
    }
  }

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
