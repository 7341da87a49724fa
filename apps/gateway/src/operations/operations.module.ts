import { Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { Upstreams } from '../upstream/upstream.module';
import { OperationsController } from './operations.controller';
import { OperatorOrders } from './operator-orders';
import { OrderTraces } from './order-traces';

/** The operations console's API, for administrators; links to the engines' own UIs if deployed. */
@Module({})
export class OperationsModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: OperationsModule,
      controllers: [OperationsController],
      providers: [
        {
          provide: OperatorOrders,
          inject: [Upstreams],
          useFactory: (upstreams: Upstreams) =>
            new OperatorOrders(upstreams, config.TEMPORAL_UI_URL),
        },
        {
          provide: OrderTraces,
          inject: [Upstreams],
          useFactory: (upstreams: Upstreams) =>
            new OrderTraces(upstreams, {
              queryUrl: config.TRACE_QUERY_URL,
              uiUrl: config.TRACE_UI_URL,
            }),
        },
      ],
    };
  }
}
