import { Global, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { eventTopics, type OrchardEvent } from '@orchard/contracts';
import Redis from 'ioredis';
import { Database } from '@orchard/platform/database';
import { EventConsumer } from '@orchard/platform/kafka';
import { serviceName } from '../config';
import { ConsumerHost } from '../consumer-host';
import { recordInHistory } from './event-history';
import { projectEvent } from './project-event';
import { announceSummaryChanges } from './summary-changes';

/** The live views' consumer group: `read-model-service.views`. */
export const viewsPurpose = 'views';

export interface ViewsConsumerOptions {
  brokers: string[];
  database: Database;
  /** `views` for the live tables; the rebuild uses a group (and inbox) of its own. */
  purpose: string;
  /** The live views record each event in their history; a rebuild replays it. */
  recordHistory?: boolean;
  /** After each event's effect committed: the live views announce changed summaries. */
  afterCommit?: (event: OrchardEvent) => void;
  onFatalError?: (error: Error) => void;
}

/**
 * Every topic into the views. Partitions are processed three at a time: each keeps its order,
 * and the views converge whatever the interleaving across them.
 */
export function viewsConsumer(options: ViewsConsumerOptions): EventConsumer {
  const { afterCommit, recordHistory } = options;
  return new EventConsumer({
    brokers: options.brokers,
    service: serviceName,
    purpose: options.purpose,
    topics: eventTopics,
    database: options.database,
    handle: async (event, context) => {
      await projectEvent(event, context);
      if (recordHistory) await recordInHistory(event, context);
      if (afterCommit) context.tx.afterCommit(() => afterCommit(event));
    },
    partitionsConsumedConcurrently: 3,
    onFatalError: options.onFatalError,
  });
}

/** The live views' consumer, run for the life of the application. */
@Injectable()
export class ViewsConsumerHost extends ConsumerHost {}

/** The views consumer's host; global for the readiness check. */
@Global()
@Module({})
export class ViewsModule {
  static forBrokers(brokers: string[]): DynamicModule {
    return {
      module: ViewsModule,
      providers: [
        {
          provide: ViewsConsumerHost,
          inject: [Database, Redis],
          useFactory: (database: Database, redis: Redis) =>
            new ViewsConsumerHost(
              viewsConsumer({
                brokers,
                database,
                purpose: viewsPurpose,
                recordHistory: true,
                afterCommit: announceSummaryChanges(redis),
              }),
            ),
        },
      ],
      exports: [ViewsConsumerHost],
    };
  }
}
