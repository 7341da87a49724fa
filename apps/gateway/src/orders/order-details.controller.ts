import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { problem } from '@orchard/platform';
import { Upstreams } from '../upstream/upstream.module';
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
  @ApiOkResponse({
    description: 'The order and its parts; `missing` names the parts that could not be fetched.',
  })
  async details(@Param('id', new ParseUUIDPipe()) id: string) {
    const { order: orders, payment, shipping, inventory } = this.upstreams;
    const [order, paymentPart, shipment, reservation] = await Promise.all([
      fetchPart('order', orders, `/orders/${id}`, partDeadlineMs),
      fetchPart('payment', payment, `/payments/${id}`, partDeadlineMs),
      fetchPart('shipment', shipping, `/shipments/${id}`, partDeadlineMs),
      fetchPart('reservation', inventory, `/reservations/${id}`, partDeadlineMs),
    ]);
    if (!order.ok && order.reason === 'not-found') {
      throw new NotFoundException(problem(404, 'not-found', `order ${id} does not exist`));
    }
    return {
      order: valueOf(order),
      payment: valueOf(paymentPart),
      shipment: valueOf(shipment),
      reservation: valueOf(reservation),
      missing: [order, paymentPart, shipment, reservation].flatMap(gapOf),
    };
  }
}
