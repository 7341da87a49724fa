import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CustomerOrder } from '@orchard/contracts';
import { CustomerOrderDto } from '../dtos';
import { ApiUuidParam } from '../openapi/api-params';
import { CurrentSession } from '../sessions/access.decorators';
import { assertOwnedBy } from '../sessions/ownership';
import type { Session } from '../sessions/session';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';

@ApiTags('orders')
@Controller('customers')
export class CustomerOrdersController {
  constructor(private readonly upstreams: Upstreams) {}

  /** A customer's orders, newest first, from the read model. */
  @Get(':id/orders')
  @ApiUuidParam('id')
  @ApiOkResponse({ type: [CustomerOrderDto] })
  async list(
    @CurrentSession() session: Session,
    @Param('id', UuidPipe) id: string,
  ): Promise<CustomerOrder[]> {
    assertOwnedBy(session, id, 'customer');
    return (
      await this.upstreams.readModel.request<CustomerOrder[]>('GET', `/customers/${id}/orders`)
    ).body;
  }
}
