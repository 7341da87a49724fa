import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { taskQueues } from '@orchard/contracts';
import { serviceInfrastructure } from '@orchard/platform/service';
import { TemporalClientModule } from '@orchard/platform/temporal';
import { fulfilmentConsumerProvider } from './orders/fulfilment/fulfilment.consumer';
import { OrdersModule } from './orders/orders.module';
import { createOrderActivities } from './orders/saga/orders.activities';
import { SagaOutcomes } from './orders/saga/saga-outcomes';
import { StuckCompensations } from './orders/saga/stuck-compensations';
import type { OrderConfig } from './config';

export const serviceName = 'order-service';

@Module({})
export class AppModule {
  static forConfig(config: OrderConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TemporalClientModule.forRoot({
          address: config.TEMPORAL_ADDRESS,
          namespace: config.TEMPORAL_NAMESPACE,
        }),
        OrdersModule,
        ...serviceInfrastructure({
          service: serviceName,
          config,
          appRoot: join(__dirname, '..'),
          worker: {
            imports: [OrdersModule],
            inject: [SagaOutcomes, StuckCompensations],
            taskQueue: taskQueues.order,
            activities: (outcomes: SagaOutcomes, stuck: StuckCompensations) =>
              createOrderActivities(outcomes, stuck),
            // This worker also runs the saga workflows. Confirmed orders keep their saga open
            // until they ship (shortly, now that shipping dispatches on confirmation); an
            // evicted one is replayed on its next signal, so the cache bounds memory without
            // losing anything.
            workflowsPath: require.resolve('@orchard/workflows'),
            tuning: { maxCachedWorkflows: 250 },
          },
        }),
      ],
      // Choreography: the order follows its parcels as the shipping service reports them.
      providers: [
        fulfilmentConsumerProvider({ service: serviceName, brokers: config.KAFKA_BROKERS }),
      ],
    };
  }
}
