import {
  Global,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { eventTopics, type OrchardEvent } from '@orchard/contracts';
import Redis from 'ioredis';
import { Database } from '@orchard/platform/database';
import { EventConsumer } from '@orchard/platform/kafka';
import { serviceName } from '../config';
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

/**
 * Runs the live views' consumer for the life of the application without holding up its start.
 * After a crash the group waits for the dead member's session to expire (30 s) before a new
 * one may join, and the views, a little stale meanwhile, had better be served than not.
 * Readiness tells when it consumes; a start that fails ends the process, as at boot.
 */
@Injectable()
export class ViewsConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ViewsConsumerHost.name);
  private starting?: Promise<void>;

  constructor(private readonly consumer: EventConsumer) {}

  get isRunning(): boolean {
    return this.consumer.isRunning;
  }

  onApplicationBootstrap(): void {
    this.starting = this.consumer.start().catch((error: unknown) => {
      this.logger.error(`the views consumer could not start: ${String(error)}`);
      process.exit(1);
    });
  }

  /** Before the database pool closes: the event in hand finishes its transaction first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
    await this.consumer.stop();
  }
}

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
