import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page, PageRequest, ProductView } from '@orchard/contracts';
import { ProductPageDto, ProductViewDto } from '../dtos';
import { ApiPage, pageQuery, pageQueryString } from '../openapi/api-page';
import { ApiSkuParam } from '../openapi/api-params';
import { Upstreams } from '../upstream/upstream.module';
import { SkuPipe } from '../validation/sku.pipe';
import { Public } from '../sessions/access.decorators';

@ApiTags('catalog')
@Public()
@Controller('products')
export class CatalogController {
  constructor(private readonly upstreams: Upstreams) {}

  /** Availability from the read model, which follows inventory's events; by SKU, paged. */
  @Get()
  @ApiPage()
  @ApiOkResponse({ type: ProductPageDto })
  async list(@Query(pageQuery) page: PageRequest): Promise<Page<ProductView>> {
    return (
      await this.upstreams.readModel.request<Page<ProductView>>(
        'GET',
        `/products?${pageQueryString(page)}`,
      )
    ).body;
  }

  @Get(':sku')
  @ApiSkuParam()
  @ApiOkResponse({ type: ProductViewDto })
  @ApiNotFoundResponse({ description: 'No such product.' })
  async get(@Param('sku', SkuPipe) sku: string): Promise<ProductView> {
    return (await this.upstreams.readModel.request<ProductView>('GET', `/products/${sku}`)).body;
  }
}
