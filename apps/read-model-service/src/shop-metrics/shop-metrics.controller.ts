import { Controller, Get, Query } from '@nestjs/common';
import { ShopMetricsRequest, type ShopMetrics } from '@orchard/contracts';
import { ZodValidationPipe } from 'nestjs-zod';
import { ShopMetricsRepository } from './shop-metrics.repository';

const metricsQuery = new ZodValidationPipe(ShopMetricsRequest);

@Controller('shop-metrics')
export class ShopMetricsController {
  constructor(private readonly metrics: ShopMetricsRepository) {}

  /** The windows ending with the minute of `at` (default: now), by event time. */
  @Get()
  shopMetrics(@Query(metricsQuery) request: ShopMetricsRequest): Promise<ShopMetrics> {
    return this.metrics.metricsAt(request.at === undefined ? new Date() : new Date(request.at));
  }
}
