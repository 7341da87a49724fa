import { Module, type DynamicModule } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { CarrierUpdatesController } from './carrier-updates.controller';
import { carrierProviders, type CarrierOptions } from './carrier.providers';

/** The carrier, seen from the shop: parcels handed over, its signed webhook, in sequence. */
@Module({})
export class CarrierModule {
  static forOptions(options: CarrierOptions): DynamicModule {
    return {
      module: CarrierModule,
      imports: [ShipmentsModule],
      controllers: [CarrierUpdatesController],
      providers: carrierProviders(options),
    };
  }
}
