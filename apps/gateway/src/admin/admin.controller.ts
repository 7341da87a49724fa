import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ProductView, StockAdjustmentRequest, UpsertProductRequest } from '@orchard/contracts';
import { SkuPipe } from '../catalog/sku.pipe';
import { Upstreams } from '../upstream/upstream.module';

class UpsertProductDto extends createZodDto(UpsertProductRequest) {}
class StockAdjustmentDto extends createZodDto(StockAdjustmentRequest) {}
class ProductViewDto extends createZodDto(ProductView) {}

/** Catalog and stock administration. */
@ApiTags('admin')
@Controller('admin/products')
export class AdminController {
  constructor(private readonly upstreams: Upstreams) {}

  @Put(':sku')
  @ApiOkResponse({ type: ProductViewDto })
  async upsertProduct(
    @Param('sku', SkuPipe) sku: string,
    @Body() body: UpsertProductDto,
  ): Promise<ProductView> {
    return (await this.upstreams.inventory.request<ProductView>('PUT', `/products/${sku}`, body))
      .body;
  }

  @Post(':sku/stock-adjustments')
  @ApiCreatedResponse({ type: ProductViewDto })
  async adjustStock(
    @Param('sku', SkuPipe) sku: string,
    @Body() body: StockAdjustmentDto,
  ): Promise<ProductView> {
    return (
      await this.upstreams.inventory.request<ProductView>(
        'POST',
        `/products/${sku}/stock-adjustments`,
        body,
      )
    ).body;
  }
}
