import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  OrdersInStatusRequest,
  PageRequest,
  Sku,
  type CustomerOrder,
  type OrderInStatus,
  type OrderSummary,
  type Page,
  type ProductView,
} from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform/http';
import { ZodValidationPipe } from 'nestjs-zod';
import { QueriesRepository } from './queries.repository';

/** A malformed SKU is a 400, not a 404: it could never name a product. */
const skuParam = new ZodValidationPipe(Sku);
const pageQuery = new ZodValidationPipe(PageRequest);
const statusPageQuery = new ZodValidationPipe(OrdersInStatusRequest);

/** Read only: every answer comes from the views, never from another service. */
@Controller()
export class QueriesController {
  constructor(private readonly views: QueriesRepository) {}

  /** For operators: the orders in one status, newest first. */
  @Get('orders')
  ordersInStatus(
    @Query(statusPageQuery) request: OrdersInStatusRequest,
  ): Promise<Page<OrderInStatus>> {
    return this.views.ordersInStatus(request);
  }

  @Get('orders/:id')
  async order(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderSummary> {
    const summary = await this.views.orderSummary(id);
    if (!summary) throw new NotFoundError(`order ${id} is not known (yet)`);
    return summary;
  }

  /** Newest first, a page at a time; a customer without orders has an empty page, not a 404. */
  @Get('customers/:id/orders')
  customerOrders(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(pageQuery) page: PageRequest,
  ): Promise<Page<CustomerOrder>> {
    return this.views.customerOrders(id, page);
  }

  @Get('products')
  products(@Query(pageQuery) page: PageRequest): Promise<Page<ProductView>> {
    return this.views.products(page);
  }

  @Get('products/:sku')
  async product(@Param('sku', skuParam) sku: string): Promise<ProductView> {
    const product = await this.views.product(sku);
    if (!product) throw new NotFoundError(`no product ${sku}`);
    return product;
  }
}
