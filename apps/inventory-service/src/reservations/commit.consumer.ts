import { Logger, type Provider } from '@nestjs/common';
import { topicOf } from '@orchard/contracts';
import { ConflictError, NotFoundError } from '@orchard/platform/http';
import {
  eventConsumerProvider,
  type EventHandler,
  PoisonEventError,
} from '@orchard/platform/kafka';
import { ReservationsService } from './reservations.service';

/** Consumer group `inventory-service.commit`: reserved units become shipped as parcels leave. */
export const commitPurpose = 'commit';

const logger = new Logger('CommitOnDispatch');

/**
 * On `shipment.dispatched`, commits the reservation lines of that parcel's items in the
 * consumer's transaction. A parcel this service cannot match with a reservation contradicts
 * what it knows: the event is dead-lettered, never retried forever.
 */
export function commitOnDispatch(reservations: ReservationsService): EventHandler {
  return async (event, { tx }) => {
    if (event.type !== 'shipment.dispatched') return;
    const { orderId, parcelId, items } = event.data;
    try {
      const committed = await reservations.commitParcel(tx, orderId, items);
      if (committed.length > 0)
        logger.log(`order ${orderId}, parcel ${parcelId}: ${committed.length} line(s) shipped`);
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ConflictError)
        throw new PoisonEventError(`parcel ${parcelId}: ${error.message}`, { cause: error });
      throw error;
    }
  };
}

/** The consumer as a provider: it runs for the life of the application. */
export function commitConsumerProvider(options: { service: string; brokers: string[] }): Provider {
  return eventConsumerProvider({
    ...options,
    purpose: commitPurpose,
    topics: [topicOf('shipment')],
    inject: ReservationsService,
    handler: commitOnDispatch,
  });
}
