import { Module, type DynamicModule } from '@nestjs/common';
import Redis from 'ioredis';
import { HealthModule, LoggingModule, MetricsModule, RedisModule } from '@orchard/platform';
import { AdminController } from './admin/admin.controller';
import { CatalogController } from './catalog/catalog.controller';
import type { GatewayConfig } from './config';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { CustomerOrdersController } from './orders/customer-orders.controller';
import { OrderDetailsController } from './orders/order-details.controller';
import { OrdersController } from './orders/orders.controller';
import { UpstreamModule } from './upstream/upstream.module';
import { WalletsController } from './wallets/wallets.controller';

export const serviceName = 'gateway';

@Module({})
export class AppModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: serviceName, level: config.LOG_LEVEL }),
        MetricsModule.forRoot({ service: serviceName }),
        RedisModule.forRoot(config.REDIS_URL),
        UpstreamModule.forConfig(config),
        HealthModule.forChecks({
          inject: [Redis],
          useFactory: (redis: Redis) => [
            { name: 'redis', check: async () => void (await redis.ping()) },
          ],
        }),
      ],
      controllers: [
        OrdersController,
        CustomerOrdersController,
        CatalogController,
        WalletsController,
        AdminController,
        OrderDetailsController,
      ],
      providers: [IdempotencyStore],
    };
  }
}
