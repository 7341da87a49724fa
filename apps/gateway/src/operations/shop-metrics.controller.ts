import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ShopMetricsRequest, type ShopMetrics } from '@orchard/contracts';
import { ZodValidationPipe } from 'nestjs-zod';
import { ShopMetricsDto } from '../dtos';
import { RequiresRole } from '../sessions/access.decorators';
import { Upstreams } from '../upstream/upstream.module';

const metricsQuery = new ZodValidationPipe(ShopMetricsRequest);

/** The shop's live metrics, computed from the order events as they stream by. */
@ApiTags('admin')
@RequiresRole('admin')
@Controller('admin/shop-metrics')
export class ShopMetricsController {
  constructor(private readonly upstreams: Upstreams) {}

  @Get()
  @ApiQuery({
    name: 'at',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'The instant the windows end at (its minute included); now by default.',
  })
  @ApiOkResponse({ type: ShopMetricsDto, description: 'Windows by event time.' })
  async shopMetrics(@Query(metricsQuery) request: ShopMetricsRequest): Promise<ShopMetrics> {
    const query = request.at === undefined ? '' : `?at=${encodeURIComponent(request.at)}`;
    return (await this.upstreams.readModel.request<ShopMetrics>('GET', `/shop-metrics${query}`))
      .body;
  }
}
