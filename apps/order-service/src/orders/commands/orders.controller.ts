import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { createZodDto } from 'nestjs-zod';
import { CancelOrderRequest, PlaceOrderCommand } from '@orchard/contracts';
import { OrderCommands } from './order-commands';

class PlaceOrderDto extends createZodDto(PlaceOrderCommand) {}
class CancelOrderDto extends createZodDto(CancelOrderRequest) {}

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrderCommands) {}

  @Post()
  @HttpCode(202)
  place(@Body() body: PlaceOrderDto) {
    return this.orders.place(body);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.orders.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CancelOrderDto) {
    return this.orders.requestCancellation(id, body.reason ?? 'cancelled by the customer');
  }

  /** An operator's command: retry the compensation the saga reported stuck. */
  @Post(':id/compensations/retry')
  @HttpCode(202)
  retryCompensations(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.orders.retryCompensations(id);
  }
}
