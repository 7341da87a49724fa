import { Module } from '@nestjs/common';
import { OrderCommands } from './commands/order-commands';
import { OrdersController } from './commands/orders.controller';
import { FulfilmentReactions } from './fulfilment/fulfilment.reactions';
import { FulfilmentRepository } from './fulfilment/fulfilment.repository';
import { OrderTransitions } from './order-transitions';
import { OrdersRepository } from './orders.repository';
import { SagaClient } from './saga/saga-client';
import { SagaOutcomes } from './saga/saga-outcomes';
import { SagaProgressController } from './saga/saga-progress.controller';
import { SagaReconciler } from './saga/saga-reconciler';
import { SagaSignals } from './saga/saga-signals';
import { StuckCompensations } from './saga/stuck-compensations';
import { StuckCompensationsController } from './saga/stuck-compensations.controller';

/**
 * Orders, by role: commands over HTTP, the saga's outcomes (its activities) and the reactions
 * to shipping's events, sharing one repository and one way to move an order.
 */
@Module({
  controllers: [OrdersController, SagaProgressController, StuckCompensationsController],
  providers: [
    OrdersRepository,
    FulfilmentRepository,
    OrderTransitions,
    OrderCommands,
    SagaOutcomes,
    FulfilmentReactions,
    SagaClient.provider,
    SagaReconciler,
    SagaSignals,
    StuckCompensations,
  ],
  exports: [SagaOutcomes, StuckCompensations, FulfilmentReactions],
})
export class OrdersModule {}
