import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ProductView } from '@orchard/contracts';
import { Upstreams } from '../upstream/upstream.module';
import { SkuPipe } from './sku.pipe';

class ProductViewDto extends createZodDto(ProductView) {}

@ApiTags('catalog')
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
  @ApiOkResponse({ type: ProductViewDto })
  async get(@Param('sku', SkuPipe) sku: string): Promise<ProductView> {
    return (await this.upstreams.readModel.request<ProductView>('GET', `/products/${sku}`)).body;
  }
}
