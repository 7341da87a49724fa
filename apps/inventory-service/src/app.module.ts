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
import { CatalogModule } from './catalog/catalog.module';
import type { InventoryConfig } from './config';
import { createInventoryActivities } from './reservations/reservations.activities';
import { ReservationsModule } from './reservations/reservations.module';
import { ReservationsService } from './reservations/reservations.service';

export const serviceName = 'inventory-service';

@Module({})
export class AppModule {
  static forConfig(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: serviceName, level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrationsDir: join(__dirname, '..', 'migrations'),
          applicationName: serviceName,
        }),
        CatalogModule,
        ReservationsModule,
        TemporalWorkerModule.register({
          imports: [ReservationsModule],
          inject: [ReservationsService],
          useFactory: (reservations: ReservationsService) => ({
            address: config.TEMPORAL_ADDRESS,
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: taskQueues.inventory,
            activities: createInventoryActivities(reservations),
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
