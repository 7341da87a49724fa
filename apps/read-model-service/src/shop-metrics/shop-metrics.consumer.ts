import { topicOf } from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { EventConsumer } from '@orchard/platform/kafka';
import { serviceName } from '../config';
import { shopMetricsHandler } from './shop-metrics.handler';

/** The live metrics' consumer group: `read-model-service.shop-metrics`. */
export const shopMetricsPurpose = 'shop-metrics';

export interface ShopMetricsConsumerOptions {
  brokers: string[];
  database: Database;
  /** The order events' topic, and this group's purpose; a spec replays into its own. */
  topic?: string;
  purpose?: string;
  onAlertRaised: (alertId: string) => void;
  onFatalError?: (error: Error) => void;
}

/**
 * The stream processor: order events into one-minute panes, by event time. One partition at a
 * time, so the rejection alert is judged over panes no other partition is changing meanwhile.
 */
export function shopMetricsConsumer(options: ShopMetricsConsumerOptions): EventConsumer {
  return new EventConsumer({
    brokers: options.brokers,
    service: serviceName,
    purpose: options.purpose ?? shopMetricsPurpose,
    topics: [options.topic ?? topicOf('order')],
    database: options.database,
    handle: shopMetricsHandler({ onAlertRaised: options.onAlertRaised }),
    partitionsConsumedConcurrently: 1,
    ...(options.onFatalError ? { onFatalError: options.onFatalError } : {}),
  });
}
