import {
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Database } from '@orchard/platform/database';
import { ConsumerHost } from '../consumer-host';
import { AlertPublisher } from './alert-publisher';
import { shopMetricsConsumer } from './shop-metrics.consumer';
import { ShopMetricsController } from './shop-metrics.controller';
import { ShopMetricsRepository } from './shop-metrics.repository';

/** The live metrics' consumer, run for the life of the application. */
@Injectable()
export class ShopMetricsConsumerHost extends ConsumerHost {}

/** Publishes alerts for the life of the application; stopped after the consumer. */
@Injectable()
class AlertPublisherHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly publisher: AlertPublisher) {}

  onApplicationBootstrap(): Promise<void> {
    return this.publisher.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.publisher.stop();
  }
}

/** Live shop metrics from the order events: the stream processor, its alerts, its query. */
@Module({})
export class ShopMetricsModule {
  static forBrokers(brokers: string[]): DynamicModule {
    return {
      module: ShopMetricsModule,
      controllers: [ShopMetricsController],
      providers: [
        {
          provide: AlertPublisher,
          inject: [Database],
          useFactory: (database: Database) => new AlertPublisher(database, brokers),
        },
        AlertPublisherHost,
        {
          provide: ShopMetricsConsumerHost,
          inject: [Database, AlertPublisher],
          useFactory: (database: Database, alerts: AlertPublisher) =>
            new ShopMetricsConsumerHost(
              shopMetricsConsumer({
                brokers,
                database,
                onAlertRaised: (alertId) => alerts.raised(alertId),
              }),
            ),
        },
        {
          provide: ShopMetricsRepository,
          inject: [Database],
          useFactory: (database: Database) => new ShopMetricsRepository(database),
        },
      ],
    };
  }
}
