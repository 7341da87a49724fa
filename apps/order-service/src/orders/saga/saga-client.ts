import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowExecutionStatusName,
} from '@temporalio/client';
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
  retryCompensationsSignalName,
  sagaStepQueryName,
  taskQueues,
  type PlaceOrderInput,
} from '@orchard/contracts';

/** Where a saga stands in Temporal: its latest run's status, or MISSING if it never started. */
export type SagaStatus = WorkflowExecutionStatusName | 'MISSING';

/**
 * Starts, signals and inspects the order saga. One workflow id per order: starting twice starts
 * it once, and a saga that completed is never run again; one that died without completing
 * (failed, terminated, timed out) may be started anew, and resumes from what its steps did.
 */
export class SagaClient {
  static readonly callTimeoutMs = 5_000;

  constructor(
    private readonly temporal: Client,
    /** The queue the workflows run on: the order service's own, or a test's. */
    private readonly taskQueue: string = taskQueues.order,
  ) {}

  /** The client Nest provides: sagas on the order service's own queue. */
  static provider = {
    provide: SagaClient,
    inject: [Client],
    useFactory: (temporal: Client) => new SagaClient(temporal),
  };

  async start(input: PlaceOrderInput): Promise<void> {
    try {
      await this.temporal.workflow.start(placeOrderWorkflowType, {
        taskQueue: this.taskQueue,
        workflowId: orderWorkflowId(input.orderId),
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async status(orderId: string): Promise<SagaStatus> {
    try {
      const { status } = await this.temporal.workflow
        .getHandle(orderWorkflowId(orderId))
        .describe();
      return status.name;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'MISSING';
      throw error;
    }
  }

  /**
   * The status and, while the saga runs, its current step. A finished saga is not queried: that
   * would replay its whole history for a step it has left.
   */
  async progress(orderId: string): Promise<{ status: SagaStatus; step: string | null }> {
    const status = await this.temporal.withDeadline(Date.now() + SagaClient.callTimeoutMs, () =>
      this.status(orderId),
    );
    if (status !== 'RUNNING') return { status, step: null };
    const step = await this.temporal.withDeadline(Date.now() + SagaClient.callTimeoutMs, () =>
      this.temporal.workflow.getHandle(orderWorkflowId(orderId)).query<string>(sagaStepQueryName),
    );
    return { status, step };
  }

  async requestCancellation(orderId: string, reason: string): Promise<void> {
    await this.signal(orderId, cancelOrderSignalName, reason);
  }

  /** An operator's retry of the compensations a saga reported stuck. */
  async retryCompensations(orderId: string): Promise<void> {
    await this.signal(orderId, retryCompensationsSignalName);
  }

  /**
   * Tells the saga its order has shipped. A saga that has already finished (it was told
   * before, or the order has none running) needs telling no more: that counts as done.
   */
  async reportShipped(orderId: string): Promise<void> {
    try {
      await this.signal(orderId, orderShippedSignalName);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  /** A signal is one short call: an unreachable Temporal fails it within seconds, not minutes. */
  private async signal(orderId: string, name: string, ...args: unknown[]): Promise<void> {
    await this.temporal.withDeadline(Date.now() + SagaClient.callTimeoutMs, () =>
      this.temporal.workflow.getHandle(orderWorkflowId(orderId)).signal(name, ...args),
    );
  }
}
