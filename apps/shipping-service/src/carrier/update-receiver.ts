import { Logger } from '@nestjs/common';
import {
  CarrierStatusUpdate,
  type CarrierUpdateReceipt,
  type SignedCarrierMessage,
} from '@orchard/contracts';
import { DomainError, UnprocessableError } from '@orchard/platform/http';
import { SignatureRefused, verifyMessage } from '@orchard/platform/webhooks';
import { recordReceipt } from './carrier-metrics';
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
 * The carrier's webhook, receiving: an update is verified and stored, and the call answered;
 * `UpdateProcessor` applies it later, in sequence.
 */
export class UpdateReceiver {
  private readonly logger = new Logger(UpdateReceiver.name);

  constructor(
    private readonly updates: CarrierUpdatesRepository,
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
}
