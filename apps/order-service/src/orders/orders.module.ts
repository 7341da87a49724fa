import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { SagaReconciler } from './saga-reconciler';
import { SagaStarter } from './saga-starter';

@Module({
  controllers: [OrdersController],
  providers: [OrdersRepository, OrdersService, SagaStarter, SagaReconciler],
  exports: [OrdersService],
})
export class OrdersModule {}
