import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CustomerOrder, Page, PageRequest } from '@orchard/contracts';
import { CustomerOrderPageDto } from '../dtos';
import { ApiPage, pageQuery, pageQueryString } from '../openapi/api-page';
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

  /** A customer's orders, newest first, a page at a time, from the read model. */
  @Get(':id/orders')
  @ApiUuidParam('id')
  @ApiPage()
  @ApiOkResponse({ type: CustomerOrderPageDto })
  async list(
    @CurrentSession() session: Session,
    @Param('id', UuidPipe) id: string,
    @Query(pageQuery) page: PageRequest,
  ): Promise<Page<CustomerOrder>> {
    assertOwnedBy(session, id, 'customer');
    return (
      await this.upstreams.readModel.request<Page<CustomerOrder>>(
        'GET',
        `/customers/${id}/orders?${pageQueryString(page)}`,
      )
    ).body;
  }
}
