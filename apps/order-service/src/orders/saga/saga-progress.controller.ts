import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { orderWorkflowId, type SagaProgress } from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform/http';
import { SagaClient } from './saga-client';

/** For operators: where an order's saga stands, as Temporal answers it. */
@Controller('orders')
export class SagaProgressController {
  constructor(private readonly saga: SagaClient) {}

  @Get(':id/saga')
  async progress(@Param('id', new ParseUUIDPipe()) id: string): Promise<SagaProgress> {
    const { status, step } = await this.saga.progress(id);
    if (status === 'MISSING') throw new NotFoundError(`no saga for order ${id}`);
    return { orderId: id, workflowId: orderWorkflowId(id), status, step };
  }
}
