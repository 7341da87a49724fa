import { Logger, type Provider } from '@nestjs/common';
import { topicOf } from '@orchard/contracts';
import {
  eventConsumerProvider,
  type EventHandler,
  PoisonEventError,
} from '@orchard/platform/kafka';
import { ShipmentsService } from './shipments.service';

/** Consumer group `shipping-service.dispatch`: parcels leave once their order is confirmed. */
export const dispatchPurpose = 'dispatch';

const logger = new Logger('DispatchOnConfirmation');

/**
 * On `order.confirmed`, dispatches the order's shipment in the consumer's transaction. The
 * saga creates the shipment before it confirms, so a confirmed order without one contradicts
 * what this service knows: that event is dead-lettered for a person to look at.
 */
export function dispatchOnConfirmation(shipments: ShipmentsService): EventHandler {
  return async (event, { tx }) => {
    if (event.type !== 'order.confirmed') return;
    const { orderId } = event.data;
    const result = await shipments.dispatch(tx, orderId);
    switch (result.outcome) {
      case 'no-shipment':
        throw new PoisonEventError(`order ${orderId} was confirmed but has no shipment`);
      case 'cancelled':
        logger.log(`order ${orderId} confirmed, but its shipment was cancelled: not dispatched`);
        return;
      case 'dispatched':
        logger.log(`order ${orderId}: ${result.parcels} parcel(s) dispatched`);
        return;
      case 'already-dispatched':
        return;
    }
  };
}

/** The consumer as a provider: it runs for the life of the application. */
export function dispatchConsumerProvider(options: {
  service: string;
  brokers: string[];
}): Provider {
  return eventConsumerProvider({
    ...options,
    purpose: dispatchPurpose,
    topics: [topicOf('order')],
    inject: ShipmentsService,
    handler: dispatchOnConfirmation,
  });
}
