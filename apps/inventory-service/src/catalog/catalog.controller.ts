import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  Sku,
  StockAdjustmentRequest,
  UpsertProductRequest,
  type ProductView,
} from '@orchard/contracts';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { CatalogService } from './catalog.service';

class UpsertProductBody extends createZodDto(UpsertProductRequest) {}
class StockAdjustmentBody extends createZodDto(StockAdjustmentRequest) {}

/** A malformed SKU is a 400, not a 404: it could never name a product. */
const skuParam = new ZodValidationPipe(Sku);

@Controller('products')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  list(): Promise<ProductView[]> {
    return this.catalog.listProducts();
  }

  @Get(':sku')
  get(@Param('sku', skuParam) sku: string): Promise<ProductView> {
    return this.catalog.getProduct(sku);
  }

  @Put(':sku')
  upsert(
    @Param('sku', skuParam) sku: string,
    @Body() body: UpsertProductBody,
  ): Promise<ProductView> {
    return this.catalog.upsertProduct(sku, body);
  }

  @Post(':sku/stock-adjustments')
  @HttpCode(201)
  adjustStock(
    @Param('sku', skuParam) sku: string,
    @Body() body: StockAdjustmentBody,
  ): Promise<ProductView> {
    return this.catalog.adjustStock(sku, body);
  }
}
