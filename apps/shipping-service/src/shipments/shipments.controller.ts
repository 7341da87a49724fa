import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ShipmentsService } from './shipments.service';

@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get(':orderId')
  get(@Param('orderId', new ParseUUIDPipe()) orderId: string) {
    return this.shipments.get(orderId);
  }
}
