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
import type { ShippingConfig } from './config';
import { createShippingActivities } from './shipments/shipments.activities';
import { ShipmentsModule } from './shipments/shipments.module';
import { ShipmentsService } from './shipments/shipments.service';

export const serviceName = 'shipping-service';

@Module({})
export class AppModule {
  static forConfig(config: ShippingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: serviceName, level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrationsDir: join(__dirname, '..', 'migrations'),
          applicationName: serviceName,
        }),
        ShipmentsModule,
        TemporalWorkerModule.register({
          imports: [ShipmentsModule],
          inject: [ShipmentsService],
          useFactory: (shipments: ShipmentsService) => ({
            address: config.TEMPORAL_ADDRESS,
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: taskQueues.shipping,
            activities: createShippingActivities(shipments),
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
