import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { taskQueues } from '@orchard/contracts';
import { serviceInfrastructure } from '@orchard/platform/service';
import { CarrierModule } from './carrier/carrier.module';
import { dispatchConsumerProvider } from './shipments/dispatch.consumer';
import { createShippingActivities } from './shipments/shipments.activities';
import { ShipmentsModule } from './shipments/shipments.module';
import { ShipmentsService } from './shipments/shipments.service';
import type { ShippingConfig } from './config';

export const serviceName = 'shipping-service';

@Module({})
export class AppModule {
  static forConfig(config: ShippingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ShipmentsModule,
        CarrierModule.forOptions({
          url: config.CARRIER_URL,
          secret: config.CARRIER_WEBHOOK_SECRET,
          silenceMs: config.CARRIER_SILENCE_MS,
        }),
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
        // Choreography: parcels leave on `order.confirmed`; the carrier reports their arrival.
        dispatchConsumerProvider({ service: serviceName, brokers: config.KAFKA_BROKERS }),
      ],
    };
  }
}
