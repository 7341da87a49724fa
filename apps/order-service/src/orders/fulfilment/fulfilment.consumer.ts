import { Logger, type Provider } from '@nestjs/common';
import { topicOf, type ShipmentEvent } from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform/http';
import {
  eventConsumerProvider,
  type EventHandler,
  PoisonEventError,
} from '@orchard/platform/kafka';
import type { ParcelStatus } from '../domain/fulfilment';
import { FulfilmentReactions } from './fulfilment.reactions';

/** Consumer group `order-service.fulfilment`: the order follows its parcels. */
export const fulfilmentPurpose = 'fulfilment';

const logger = new Logger('FollowShipments');

/** What a shipment event says about the order's parcels; undefined for the others. */
export function parcelNews(
  event: ShipmentEvent,
): { parcelId: string; status: ParcelStatus }[] | undefined {
  switch (event.type) {
    case 'shipment.created':
      return event.data.parcels.map(({ parcelId }) => ({ parcelId, status: 'CREATED' }));
    case 'shipment.dispatched':
      return [{ parcelId: event.data.parcelId, status: 'DISPATCHED' }];
    case 'shipment.delivered':
      return [{ parcelId: event.data.parcelId, status: 'DELIVERED' }];
    default:
      return undefined;
  }
}

/**
 * Moves orders along as the shipping service reports their parcels, in the consumer's
 * transaction. An order that cannot follow (cancelled meanwhile) is logged and left alone;
 * news of an order this service never had is dead-lettered.
 */
export function followShipments(orders: FulfilmentReactions): EventHandler {
  return async (event, { tx }) => {
    if (event.aggregateType !== 'shipment') return;
    const news = parcelNews(event);
    if (!news) return;
    const { orderId } = event.data;
    try {
      const outcome = await orders.followShipment(tx, orderId, news);
      if (outcome.moves.length > 0)
        logger.log(`order ${orderId}: ${[outcome.from, ...outcome.moves].join(' → ')}`);
      else if (outcome.outOfStep)
        logger.warn(`order ${orderId} is ${outcome.from}: ${event.type} not applied to it`);
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new PoisonEventError(`${event.type}: ${error.message}`, { cause: error });
      throw error;
    }
  };
}

/** The consumer as a provider: it runs for the life of the application. */
export function fulfilmentConsumerProvider(options: {
  service: string;
  brokers: string[];
}): Provider {
  return eventConsumerProvider({
    ...options,
    purpose: fulfilmentPurpose,
    topics: [topicOf('shipment')],
    inject: FulfilmentReactions,
    handler: followShipments,
  });
}
