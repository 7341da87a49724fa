import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { taskQueues } from '@orchard/contracts';
import { serviceInfrastructure } from '@orchard/platform/service';
import { dispatchConsumerProvider } from './shipments/dispatch.consumer';
import { createShippingActivities } from './shipments/shipments.activities';
import { ShipmentsModule } from './shipments/shipments.module';
import { ShipmentsService } from './shipments/shipments.service';
import { simulatedCarrierProvider } from './shipments/simulated-carrier';
import type { ShippingConfig } from './config';

export const serviceName = 'shipping-service';

@Module({})
export class AppModule {
  static forConfig(config: ShippingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ShipmentsModule,
        ...serviceInfrastructure({
          service: serviceName,
          config,
          appRoot: join(__dirname, '..'),
          worker: {
            imports: [ShipmentsModule],
            inject: [ShipmentsService],
            taskQueue: taskQueues.shipping,
            activities: (shipments: ShipmentsService) => createShippingActivities(shipments),
          },
        }),
      ],
      providers: [
        // Choreography: parcels leave on `order.confirmed`, arrive after the carrier's delay.
        dispatchConsumerProvider({ service: serviceName, brokers: config.KAFKA_BROKERS }),
        simulatedCarrierProvider({ deliveryDelayMs: config.CARRIER_DELIVERY_DELAY_MS }),
      ],
    };
  }
}
