import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@orchard/platform/http';
import { OrderDetailsDto } from '../dtos';
import { ApiUuidParam } from '../openapi/api-params';
import type { OrderSummary, OrderView } from '@orchard/contracts';
import { CurrentSession } from '../sessions/access.decorators';
import { assertOwnedBy, orNotFound } from '../sessions/ownership';
import type { Session } from '../sessions/session';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';
import { fetchPart, gapOf, valueOf } from './order-details';

/** Each service gets this long to answer for its part of an order's details. */
export const partDeadlineMs = 800;

@ApiTags('orders')
@Controller('orders')
export class OrderDetailsController {
  constructor(private readonly upstreams: Upstreams) {}

  /**
   * An order with its payment, shipment and reservation, asked of the owning services in
   * parallel. A slow or dead service leaves its part null and named in `missing`; the answer
   * is still 200. Only an order that does not exist is a 404.
   */
  @Get(':id/details')
  @ApiUuidParam('id')
  @ApiOkResponse({
    type: OrderDetailsDto,
    description: 'The order and its parts; `missing` names the parts that could not be fetched.',
  })
  @ApiNotFoundResponse({ description: 'No such order.' })
  async details(@CurrentSession() session: Session, @Param('id', UuidPipe) id: string) {
    const { order: orders, payment, shipping, inventory } = this.upstreams;
    const [order, paymentPart, shipment, reservation] = await Promise.all([
      fetchPart('order', orders, `/orders/${id}`, partDeadlineMs),
      fetchPart('payment', payment, `/payments/${id}`, partDeadlineMs),
      fetchPart('shipment', shipping, `/shipments/${id}`, partDeadlineMs),
      fetchPart('reservation', inventory, `/reservations/${id}`, partDeadlineMs),
    ]);
    if (!order.ok && order.reason === 'not-found') {
      throw new NotFoundError('order not found');
    }
    // No part leaves before the order is known to be the caller's; with the order service
    // away, the read model names the owner.
    const owner =
      (valueOf(order) as OrderView | null)?.customerId ??
      (session.role === 'admin' ? undefined : await this.ownerInReadModel(id));
    assertOwnedBy(session, owner, 'order');
    return {
      order: valueOf(order),
      payment: valueOf(paymentPart),
      shipment: valueOf(shipment),
      reservation: valueOf(reservation),
      missing: [order, paymentPart, shipment, reservation].flatMap(gapOf),
    };
  }

  private async ownerInReadModel(id: string): Promise<string> {
    const { readModel } = this.upstreams;
    return (await orNotFound('order', readModel.request<OrderSummary>('GET', `/orders/${id}`))).body
      .customerId;
  }
}
