import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from 'nestjs-zod';
import type { StuckCompensationView } from '@orchard/contracts';
import { StuckCompensations } from './stuck-compensations';

const limitParam = new ZodValidationPipe(z.coerce.number().int().min(1).max(500).default(100));

/** The operator's listing of sagas waiting for a compensation to be retried. */
@Controller('stuck-compensations')
export class StuckCompensationsController {
  constructor(private readonly stuck: StuckCompensations) {}

  @Get()
  list(@Query('limit', limitParam) limit: number): Promise<StuckCompensationView[]> {
    return this.stuck.list(limit);
  }
}
