import { Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
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

  async reportShipped(orderId: string): Promise<void> {
    await this.temporal.workflow.getHandle(orderWorkflowId(orderId)).signal(orderShippedSignalName);
  }
}
