import { HeldConnections, MAX_CONNECTIONS_PER_SESSION } from './sessions/held-connections';
import { Module, type DynamicModule } from '@nestjs/common';
import Redis from 'ioredis';
import { Database } from '@orchard/platform/database';
import { HealthModule } from '@orchard/platform/http';
import { LoggingModule } from '@orchard/platform/logging';
import { MetricsModule } from '@orchard/platform/metrics';
import { RedisModule } from '@orchard/platform/redis';
import { AccountsModule } from './accounts/accounts.module';
import { InvalidationModule } from './cache/invalidation.module';
import { AdminController } from './admin/admin.controller';
import { SagasController } from './admin/sagas.controller';
import { CarrierWebhookController } from './carrier/carrier-webhook.controller';
import { CatalogController } from './catalog/catalog.controller';
import type { GatewayConfig } from './config';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { CustomerOrdersController } from './orders/customer-orders.controller';
import { OrderDetailsController } from './orders/order-details.controller';
import { ORDER_COPY_TTL_MS, OrderSummaries } from './orders/order-summaries';
import { OrderEventsController } from './orders/order-events.controller';
import { OrdersController } from './orders/orders.controller';
import { OperationsModule } from './operations/operations.module';
import { PagesController } from './pages/pages.controller';
import { WebBuild } from './pages/web-build';
import { RedisConnectionLog } from './redis/redis-connection-log';
import { UpstreamModule } from './upstream/upstream.module';
import { WalletsController } from './wallets/wallets.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

export const serviceName = 'gateway';

@Module({})
export class AppModule {
  static forConfig(config: GatewayConfig, webBuild: WebBuild): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: serviceName, level: config.LOG_LEVEL }),
        MetricsModule.forRoot({ service: serviceName }),
        RedisModule.forRoot(config.REDIS_URL),
        InvalidationModule.forRedis(config.REDIS_URL),
        AccountsModule.forOptions({
          databaseUrl: config.DATABASE_URL,
          sessionLifetimes: {
            idleSeconds: config.SESSION_IDLE_SECONDS,
            absoluteSeconds: config.SESSION_ABSOLUTE_SECONDS,
          },
          throttles: {
            failedLogins: {
              perAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
              perAddress: config.LOGIN_FAILURES_PER_ADDRESS,
              perAccountAndAddress: config.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
            },
            signUps: {
              perAccount: config.SIGNUPS_PER_ACCOUNT,
              perAddress: config.SIGNUPS_PER_ADDRESS,
            },
          },
          admin:
            config.ADMIN_EMAIL && config.ADMIN_PASSWORD
              ? { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }
              : undefined,
        }),
        UpstreamModule.forConfig(config),
        OperationsModule.forConfig(config),
        HealthModule.forChecks({
          inject: [Redis, Database],
          useFactory: (redis: Redis, identity: Database) => [
            { name: 'redis', check: async () => void (await redis.ping()) },
            {
              name: 'identity-database',
              check: async () => void (await identity.query('select 1')),
            },
          ],
        }),
      ],
      controllers: [
        OrdersController,
        CustomerOrdersController,
        CatalogController,
        WalletsController,
        AdminController,
        SagasController,
        WebhooksController,
        CarrierWebhookController,
        OrderDetailsController,
        OrderEventsController,
        PagesController,
      ],
      providers: [
        IdempotencyStore.provider,
        OrderSummaries,
        { provide: ORDER_COPY_TTL_MS, useValue: config.ORDER_COPY_TTL_MS },
        HeldConnections,
        { provide: MAX_CONNECTIONS_PER_SESSION, useValue: config.ORDER_STREAMS_PER_SESSION },
        RedisConnectionLog,
        { provide: WebBuild, useValue: webBuild },
      ],
    };
  }
}
