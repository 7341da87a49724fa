import { Module } from '@nestjs/common';
import { FulfilmentRepository } from './fulfilment.repository';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { SagaReconciler } from './saga-reconciler';
import { SagaSignals } from './saga-signals';
import { SagaStarter } from './saga-starter';

@Module({
  controllers: [OrdersController],
  providers: [
    OrdersRepository,
    FulfilmentRepository,
    OrdersService,
    SagaStarter,
    SagaReconciler,
    SagaSignals,
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
