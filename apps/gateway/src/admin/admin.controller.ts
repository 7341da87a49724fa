import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { ProductView } from '@orchard/contracts';
import { SkuPipe } from '../validation/sku.pipe';
import { ProductViewDto, StockAdjustmentDto, UpsertProductDto } from '../dtos';
import { ApiSkuParam } from '../openapi/api-params';
import { RequiresRole } from '../sessions/access.decorators';
import { Upstreams } from '../upstream/upstream.module';

/** Catalog and stock administration. */
@ApiTags('admin')
@RequiresRole('admin')
@Controller('admin/products')
export class AdminController {
  constructor(private readonly upstreams: Upstreams) {}

  @Put(':sku')
  @ApiSkuParam()
  @ApiOkResponse({ type: ProductViewDto })
  async upsertProduct(
    @Param('sku', SkuPipe) sku: string,
    @Body() body: UpsertProductDto,
  ): Promise<ProductView> {
    return (await this.upstreams.inventory.request<ProductView>('PUT', `/products/${sku}`, body))
      .body;
  }

  @Post(':sku/stock-adjustments')
  @ApiSkuParam()
  @ApiCreatedResponse({ type: ProductViewDto })
  @ApiNotFoundResponse({ description: 'No such product.' })
  @ApiUnprocessableEntityResponse({ description: 'It would take more stock than is on hand.' })
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
