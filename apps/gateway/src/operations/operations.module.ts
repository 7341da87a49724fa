import { Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { Upstreams } from '../upstream/upstream.module';
import { OperationsController } from './operations.controller';
import { OperatorOrders } from './operator-orders';
import { OrderTraces } from './order-traces';
import { SalesReportsController } from './sales-reports.controller';
import { ShopMetricsController } from './shop-metrics.controller';

/**
 * The operations console's API, for administrators: orders, the event pipeline, stock, traces
 * (linking to the engines' own UIs if deployed), live shop metrics and sales reports.
 */
@Module({})
export class OperationsModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: OperationsModule,
      controllers: [OperationsController, SalesReportsController, ShopMetricsController],
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
