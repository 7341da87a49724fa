import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import {
  CancelOrderRequest,
  OrderAccepted,
  OrderSummary,
  PlaceOrderRequest,
} from '@orchard/contracts';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { idempotent } from '../idempotency/idempotent';
import { Upstreams } from '../upstream/upstream.module';

class PlaceOrderDto extends createZodDto(PlaceOrderRequest) {}
class CancelOrderDto extends createZodDto(CancelOrderRequest) {}
class OrderAcceptedDto extends createZodDto(OrderAccepted) {}
class OrderSummaryDto extends createZodDto(OrderSummary) {}

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key place one order.',
  })
  @ApiAcceptedResponse({
    type: OrderAcceptedDto,
    description: 'Accepted; the saga runs. Follow Location.',
  })
  async place(
    @Body() body: PlaceOrderDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await idempotent(
      this.idempotency,
      { key, scope: `orders:${body.customerId}`, method: 'POST', path: '/orders', body },
      reply,
      async () => {
        const { body: accepted } = await this.upstreams.order.request<OrderAccepted>(
          'POST',
          '/orders',
          body,
        );
        return { status: 202, body: accepted, location: `/orders/${accepted.orderId}` };
      },
    );
  }

  /**
   * From the read model: it follows the order's events, so a change shows once its event has
   * arrived there (usually within a second), and an order just placed may be 404 for as long.
   */
  @Get(':id')
  @ApiOkResponse({ type: OrderSummaryDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderSummary> {
    return (await this.upstreams.readModel.request<OrderSummary>('GET', `/orders/${id}`)).body;
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: OrderAcceptedDto,
    description: 'Cancellation requested; compensations run.',
  })
  async cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CancelOrderDto,
  ): Promise<OrderAccepted> {
    return (await this.upstreams.order.request<OrderAccepted>('POST', `/orders/${id}/cancel`, body))
      .body;
  }
}
