import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from 'nestjs-zod';
import type { StuckCompensationView } from '@orchard/contracts';
import { StuckCompensationDto } from '../dtos';
import { ApiUuidParam } from '../openapi/api-params';
import { RequiresRole } from '../sessions/access.decorators';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';

const limitQuery = new ZodValidationPipe(z.coerce.number().int().min(1).max(500).default(100));

/**
 * Sagas that need an operator: a compensation that ran out of attempts is listed here, and
 * retried on command once its cause is fixed.
 */
@ApiTags('admin')
@RequiresRole('admin')
@Controller('admin')
export class SagasController {
  constructor(private readonly upstreams: Upstreams) {}

  @Get('stuck-compensations')
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 500 },
  })
  @ApiOkResponse({ type: [StuckCompensationDto], description: 'Longest waiting first.' })
  async stuck(@Query('limit', limitQuery) limit: number): Promise<StuckCompensationView[]> {
    return (
      await this.upstreams.order.request<StuckCompensationView[]>(
        'GET',
        `/stuck-compensations?limit=${limit}`,
      )
    ).body;
  }

  @Post('orders/:id/compensations/retry')
  @HttpCode(202)
  @ApiUuidParam('id')
  @ApiAcceptedResponse({ description: 'The saga retries its stuck compensation.' })
  @ApiNotFoundResponse({ description: 'No such order.' })
  @ApiConflictResponse({ description: 'The order has no compensation waiting for a retry.' })
  async retry(@Param('id', UuidPipe) id: string): Promise<void> {
    await this.upstreams.order.request('POST', `/orders/${id}/compensations/retry`, {});
  }
}
