import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { OrderAccepted, OrderSummary, OrderView } from '@orchard/contracts';
import { CancelOrderDto, OrderAcceptedDto, OrderSummaryDto, PlaceOrderDto } from '../dtos';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { idempotent } from '../idempotency/idempotent';
import { ApiIdempotencyKey, ApiUuidParam } from '../openapi/api-params';
import { CurrentSession } from '../sessions/access.decorators';
import { assertOwnedBy, isVisibleTo, orNotFound } from '../sessions/ownership';
import type { Session } from '../sessions/session';
import { Upstreams } from '../upstream/upstream.module';
import { orderIdFor } from '../idempotency/ids-from-keys';
import { OrderSummaries } from './order-summaries';
import { UuidPipe } from '../validation/uuid.pipe';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly idempotency: IdempotencyStore,
    private readonly summaries: OrderSummaries,
  ) {}

  @Post()
  @ApiIdempotencyKey('Retries with the same key place one order.')
  @ApiAcceptedResponse({
    type: OrderAcceptedDto,
    description: 'Accepted; the saga runs. Follow Location.',
  })
  @ApiConflictResponse({ description: 'A request with this key is still being served.' })
  @ApiUnprocessableEntityResponse({ description: 'This key was used for a different request.' })
  async place(
    @CurrentSession() session: Session,
    @Body() body: PlaceOrderDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await idempotent(
      this.idempotency,
      { key, scope: `orders:${session.accountId}`, method: 'POST', path: '/orders', body },
      reply,
      async () => {
        const { body: accepted } = await this.upstreams.order.request<OrderAccepted>(
          'POST',
          '/orders',
          { orderId: orderIdFor(session.accountId, key), customerId: session.accountId, ...body },
        );
        return { status: 202, body: accepted, location: `/orders/${accepted.orderId}` };
      },
    );
  }

  /**
   * From the read model (through the gateway's copies): it follows the order's events, so a
   * change shows once its event has arrived there (usually within a second), and an order just
   * placed may be 404 for as long.
   */
  @Get(':id')
  @ApiUuidParam('id')
  @ApiOkResponse({ type: OrderSummaryDto })
  @ApiNotFoundResponse({ description: 'No such order (or not in the read model yet).' })
  async get(
    @CurrentSession() session: Session,
    @Param('id', UuidPipe) id: string,
  ): Promise<OrderSummary> {
    // Someone else's order costs the read model's round trip, as a missing one does.
    const summary = await orNotFound(
      'order',
      this.summaries.get(id, (copy) => isVisibleTo(session, copy.customerId)),
    );
    assertOwnedBy(session, summary.customerId, 'order');
    return summary;
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiUuidParam('id')
  @ApiAcceptedResponse({
    type: OrderAcceptedDto,
    description: 'Cancellation requested; compensations run.',
  })
  @ApiNotFoundResponse({ description: 'No such order.' })
  @ApiConflictResponse({ description: 'The order can no longer be cancelled.' })
  async cancel(
    @CurrentSession() session: Session,
    @Param('id', UuidPipe) id: string,
    @Body() body: CancelOrderDto,
  ): Promise<OrderAccepted> {
    // Asked of the order service, not the read model: an order just placed is not there yet.
    const { body: order } = await orNotFound(
      'order',
      this.upstreams.order.request<OrderView>('GET', `/orders/${id}`),
    );
    assertOwnedBy(session, order.customerId, 'order');
    return (await this.upstreams.order.request<OrderAccepted>('POST', `/orders/${id}/cancel`, body))
      .body;
  }
}
