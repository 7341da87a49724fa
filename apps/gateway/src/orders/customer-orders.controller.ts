import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CustomerOrder } from '@orchard/contracts';
import { Upstreams } from '../upstream/upstream.module';

class CustomerOrderDto extends createZodDto(CustomerOrder) {}

@ApiTags('orders')
@Controller('customers')
export class CustomerOrdersController {
  constructor(private readonly upstreams: Upstreams) {}

  /** A customer's orders, newest first, from the read model. */
  @Get(':id/orders')
  @ApiOkResponse({ type: [CustomerOrderDto] })
  async list(@Param('id', new ParseUUIDPipe()) id: string): Promise<CustomerOrder[]> {
    return (
      await this.upstreams.readModel.request<CustomerOrder[]>('GET', `/customers/${id}/orders`)
    ).body;
  }
}
