import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ProductView } from '@orchard/contracts';
import { ProductViewDto } from '../dtos';
import { ApiSkuParam } from '../openapi/api-params';
import { Upstreams } from '../upstream/upstream.module';
import { SkuPipe } from '../validation/sku.pipe';
import { Public } from '../sessions/access.decorators';

@ApiTags('catalog')
@Public()
@Controller('products')
export class CatalogController {
  constructor(private readonly upstreams: Upstreams) {}

  /** Availability from the read model, which follows inventory's events. */
  @Get()
  @ApiOkResponse({ type: [ProductViewDto] })
  async list(): Promise<ProductView[]> {
    return (await this.upstreams.readModel.request<ProductView[]>('GET', '/products')).body;
  }

  @Get(':sku')
  @ApiSkuParam()
  @ApiOkResponse({ type: ProductViewDto })
  @ApiNotFoundResponse({ description: 'No such product.' })
  async get(@Param('sku', SkuPipe) sku: string): Promise<ProductView> {
    return (await this.upstreams.readModel.request<ProductView>('GET', `/products/${sku}`)).body;
  }
}
