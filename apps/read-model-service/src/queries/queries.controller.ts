import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Sku, type CustomerOrder, type OrderSummary, type ProductView } from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform';
import { ZodValidationPipe } from 'nestjs-zod';
import { QueriesRepository } from './queries.repository';

/** A malformed SKU is a 400, not a 404: it could never name a product. */
const skuParam = new ZodValidationPipe(Sku);

/** Read only: every answer comes from the views, never from another service. */
@Controller()
export class QueriesController {
  constructor(private readonly views: QueriesRepository) {}

  @Get('orders/:id')
  async order(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderSummary> {
    const summary = await this.views.orderSummary(id);
    if (!summary) throw new NotFoundError(`order ${id} is not known (yet)`);
    return summary;
  }

  /** Newest first; a customer without orders has an empty history, not a 404. */
  @Get('customers/:id/orders')
  customerOrders(@Param('id', new ParseUUIDPipe()) id: string): Promise<CustomerOrder[]> {
    return this.views.customerOrders(id);
  }

  @Get('products')
  products(): Promise<ProductView[]> {
    return this.views.products();
  }

  @Get('products/:sku')
  async product(@Param('sku', skuParam) sku: string): Promise<ProductView> {
    const product = await this.views.product(sku);
    if (!product) throw new NotFoundError(`no product ${sku}`);
    return product;
  }
}
