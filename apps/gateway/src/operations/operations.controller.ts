import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from 'nestjs-zod';
import {
  OrdersInStatusRequest,
  orderStatuses,
  type EventConsumerProgress,
  type OperatorOrder,
  type OrderTrace,
  type Page,
  type StockLevel,
} from '@orchard/contracts';
import {
  EventConsumerProgressDto,
  OperatorOrderPageDto,
  OrderTraceDto,
  StockLevelDto,
} from '../dtos';
import { ApiUuidParam } from '../openapi/api-params';
import { RequiresRole } from '../sessions/access.decorators';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';
import { OperatorOrders } from './operator-orders';
import { OrderTraces } from './order-traces';

const statusPageQuery = new ZodValidationPipe(OrdersInStatusRequest);

/** What the operations console shows: orders and their sagas, the event pipeline, stock, traces. */
@ApiTags('admin')
@RequiresRole('admin')
@Controller('admin')
export class OperationsController {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly orders: OperatorOrders,
    private readonly traces: OrderTraces,
  ) {}

  @Get('orders')
  @ApiQuery({ name: 'status', enum: orderStatuses })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100 },
  })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @ApiOkResponse({ type: OperatorOrderPageDto, description: 'Newest first.' })
  ordersInStatus(
    @Query(statusPageQuery) request: OrdersInStatusRequest,
  ): Promise<Page<OperatorOrder>> {
    return this.orders.page(request);
  }

  @Get('orders/:id/trace')
  @ApiUuidParam('id')
  @ApiOkResponse({ type: OrderTraceDto })
  @ApiNotFoundResponse({ description: 'No such order, or its trace has not reached Jaeger yet.' })
  trace(@Param('id', UuidPipe) id: string): Promise<OrderTrace> {
    return this.traces.of(id);
  }

  @Get('consumer-groups')
  @ApiOkResponse({ type: [EventConsumerProgressDto], description: 'By group name.' })
  async consumerGroups(): Promise<EventConsumerProgress[]> {
    return (
      await this.upstreams.readModel.request<EventConsumerProgress[]>('GET', '/event-consumers')
    ).body;
  }

  @Get('stock')
  @ApiOkResponse({ type: [StockLevelDto], description: 'Lowest against its alert level first.' })
  async stock(): Promise<StockLevel[]> {
    return (await this.upstreams.inventory.request<StockLevel[]>('GET', '/stock-levels')).body;
  }
}
