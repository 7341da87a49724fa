import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { taskQueues } from '@orchard/contracts';
import { FencedLocksModule, lockOptionsOf } from '@orchard/platform/locks';
import { RedisModule } from '@orchard/platform/redis';
import { serviceInfrastructure } from '@orchard/platform/service';
import { CatalogModule } from './catalog/catalog.module';
import { commitConsumerProvider } from './reservations/commit.consumer';
import { createInventoryActivities } from './reservations/reservations.activities';
import { ReservationsModule } from './reservations/reservations.module';
import { ReservationsService } from './reservations/reservations.service';
import type { InventoryConfig } from './config';

export const serviceName = 'inventory-service';

@Module({})
export class AppModule {
  static forConfig(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RedisModule.forRoot(config.REDIS_URL),
        FencedLocksModule.forRoot(lockOptionsOf(config)),
        CatalogModule,
        ReservationsModule,
        ...serviceInfrastructure({
          service: serviceName,
          config,
          appRoot: join(__dirname, '..'),
          worker: {
            imports: [ReservationsModule],
            inject: [ReservationsService],
            taskQueue: taskQueues.inventory,
            activities: (reservations: ReservationsService) =>
              createInventoryActivities(reservations),
          },
        }),
      ],
      // Choreography: reserved units become shipped as each parcel is dispatched.
      providers: [commitConsumerProvider({ service: serviceName, brokers: config.KAFKA_BROKERS })],
    };
  }
}
