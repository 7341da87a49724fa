import { Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
} from '@temporalio/common';
import {
  cancelOrderSignalName,
  orderShippedSignalName,
  orderWorkflowId,
  placeOrderWorkflowType,
  taskQueues,
  type PlaceOrderInput,
} from '@orchard/contracts';

/** Starts and signals the order saga. Starting is idempotent: one workflow id per order, ever. */
@Injectable()
export class SagaStarter {
  constructor(private readonly temporal: Client) {}

  async start(input: PlaceOrderInput): Promise<void> {
    try {
      await this.temporal.workflow.start(placeOrderWorkflowType, {
        taskQueue: taskQueues.order,
        workflowId: orderWorkflowId(input.orderId),
        args: [input],
        // A finished saga is never run again for the same order; a running one is reused.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async requestCancellation(orderId: string, reason: string): Promise<void> {
    await this.temporal.workflow
      .getHandle(orderWorkflowId(orderId))
      .signal(cancelOrderSignalName, reason);
  }

  /**
   * Tells the saga its order has shipped. A saga that has already finished (it was told
   * before, or the order has none running) needs telling no more: that counts as done.
   */
  async reportShipped(orderId: string): Promise<void> {
    try {
      await this.temporal.workflow
        .getHandle(orderWorkflowId(orderId))
        .signal(orderShippedSignalName);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
}
