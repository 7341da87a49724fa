import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { taskQueues } from '@orchard/contracts';
import {
  Database,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  TemporalWorkerHost,
  TemporalWorkerModule,
} from '@orchard/platform';
import type { OrderConfig } from './config';
import { createOrderActivities } from './orders/orders.activities';
import { OrdersModule } from './orders/orders.module';
import { OrdersService } from './orders/orders.service';
import { TemporalClientModule } from './temporal-client.module';

export const serviceName = 'order-service';

@Module({})
export class AppModule {
  static forConfig(config: OrderConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: serviceName, level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrationsDir: join(__dirname, '..', 'migrations'),
          applicationName: serviceName,
        }),
        TemporalClientModule.forRoot({
          address: config.TEMPORAL_ADDRESS,
          namespace: config.TEMPORAL_NAMESPACE,
        }),
        OrdersModule,
        // This worker runs the saga workflows as well as the order's own activities.
        TemporalWorkerModule.register({
          imports: [OrdersModule],
          inject: [OrdersService],
          useFactory: (orders: OrdersService) => ({
            address: config.TEMPORAL_ADDRESS,
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: taskQueues.order,
            activities: createOrderActivities(orders),
            workflowsPath: require.resolve('@orchard/workflows'),
            // Confirmed orders keep their saga open until they ship; an evicted one is replayed
            // on its next signal, so the cache bounds memory without losing anything.
            tuning: { maxCachedWorkflows: 250 },
          }),
        }),
        HealthModule.forChecks({
          inject: [Database, TemporalWorkerHost],
          useFactory: (database: Database, worker: TemporalWorkerHost) => [
            { name: 'database', check: async () => void (await database.query('select 1')) },
            {
              name: 'temporal-worker',
              check: async () => {
                if (!worker.isRunning) throw new Error('worker not running');
              },
            },
          ],
        }),
      ],
    };
  }
}
