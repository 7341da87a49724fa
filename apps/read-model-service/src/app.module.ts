import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { Database, DatabaseModule } from '@orchard/platform/database';
import { HealthModule } from '@orchard/platform/http';
import { LoggingModule } from '@orchard/platform/logging';
import { MetricsModule } from '@orchard/platform/metrics';
import { RedisModule } from '@orchard/platform/redis';
import { serviceName, type ReadModelConfig } from './config';
import { EventConsumersModule } from './event-consumers/event-consumers.module';
import { QueriesModule } from './queries/queries.module';
import { SalesReportsModule } from './reports/sales-reports.module';
import { ShopMetricsModule } from './shop-metrics/shop-metrics.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ViewsConsumerHost, ViewsModule } from './views/views.consumer';

/** Where the views' migrations live: the rebuild command migrates too. */
export const migrationsDir = join(__dirname, '..', 'migrations');

/**
 * JSON logs, the migrated database, the views consumer and the queries, with readiness checks
 * of the database and the consumer; the sales reports and their worker. Redis, where changed
 * summaries are announced, is no part of readiness: without it the views are still served, and
 * copies merely expire instead. Nor is Temporal: without it only reports wait.
 */
@Module({})
export class AppModule {
  static forConfig(config: ReadModelConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: serviceName, level: config.LOG_LEVEL }),
        MetricsModule.forRoot({ service: serviceName }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrationsDir,
          applicationName: serviceName,
        }),
        RedisModule.forRoot(config.REDIS_URL),
        ViewsModule.forBrokers(config.KAFKA_BROKERS),
        QueriesModule.reading({ primary: config.DATABASE_URL, reads: config.READ_DATABASE_URL }),
        EventConsumersModule.forBrokers(config.KAFKA_BROKERS),
        ShopMetricsModule.forBrokers(config.KAFKA_BROKERS),
        WebhooksModule.forSettings({
          brokers: config.KAFKA_BROKERS,
          allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
          retryForMs: config.WEBHOOK_RETRY_FOR_MS,
        }),
        SalesReportsModule.forTemporal({
          address: config.TEMPORAL_ADDRESS,
          namespace: config.TEMPORAL_NAMESPACE,
        }),
        HealthModule.forChecks({
          inject: [Database, ViewsConsumerHost],
          useFactory: (database: Database, consumer: ViewsConsumerHost) => [
            { name: 'database', check: async () => void (await database.query('select 1')) },
            {
              name: 'views-consumer',
              check: async () => {
                if (!consumer.isRunning) throw new Error('the views consumer is not consuming');
              },
            },
          ],
        }),
      ],
    };
  }
}
