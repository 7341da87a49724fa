import {
  ActivityFailure,
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  log,
  patched,
  setHandler,
} from '@temporalio/workflow';
import {
  cancelOrderSignalName,
  orderShippedSignalName,
  retryCompensationsSignalName,
  sagaStepQueryName,
  type SagaStep,
} from '@orchard/contracts/saga';
import { Compensations, type Compensation } from './compensations';
import { reports } from './saga-activities';
import { lastError } from './saga-failures';

export const cancelOrderSignal = defineSignal<[reason?: string]>(cancelOrderSignalName);
export const orderShippedSignal = defineSignal(orderShippedSignalName);
export const retryCompensationsSignal = defineSignal(retryCompensationsSignalName);
export const sagaStepQuery = defineQuery<string>(sagaStepQueryName);

/**
 * A change of the saga's commands, shipped behind `patched()` so that sagas already running
 * replay as they ran. Once none of those runs is left (Temporal's visibility shows none started
 * before the deploy), `deprecatePatch` it, and later remove the old branch.
 */
export const undoRegisteredBeforeStep = 'undo-registered-before-step';

/**
 * One saga as it runs: the undo steps owed, the step it is at (the console queries it), and
 * what the signals tell it: the customer's cancel, which stops the forward step in progress
 * even mid-retry; the order service's `orderShipped`; an operator's retry of a stuck undo.
 */
export class SagaRun {
  readonly compensations = new Compensations();
  /** The forward steps run in this scope, which the customer's cancel cancels. */
  readonly forward = new CancellationScope();
  cancelReason: string | undefined;
  shipped = false;
  step = 'started';
  private retryRequested = false;

  constructor(readonly orderId: string) {
    setHandler(cancelOrderSignal, (reason) => {
      if (this.shipped || this.cancelReason !== undefined) return;
      this.cancelReason = reason ?? 'cancelled by the customer';
      this.forward.cancel();
    });
    setHandler(orderShippedSignal, () => {
      this.shipped = true;
    });
    setHandler(retryCompensationsSignal, () => {
      this.retryRequested = true;
    });
    setHandler(sagaStepQuery, () => this.step);
  }

  /**
   * One forward step and its undo. The undo is registered before the step runs: a step that
   * failed past its bound or was interrupted may still have had its effect (an attempt that
   * timed out after committing), and every undo is harmless when there is nothing to undo.
   * Sagas that started before this change registered it after success, and go on doing so.
   */
  async forwardStep<T>(name: SagaStep, run: () => Promise<T>, undo?: Compensation): Promise<T> {
    this.step = name;
    const undoFirst = patched(undoRegisteredBeforeStep);
    if (undo && undoFirst) this.compensations.push(undo.name, undo.run);
    const result = await run();
    if (undo && !undoFirst) this.compensations.push(undo.name, undo.run);
    return result;
  }

  /** Runs a step that must complete; when it cannot, reports it and waits for the operator. */
  async untilDone<T>(name: string, run: () => Promise<T>): Promise<T> {
    const { orderId } = this;
    let reported = false;
    for (;;) {
      try {
        const result = await run();
        if (reported) await reports.reportCompensationResolved({ orderId });
        return result;
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        const stuck = { orderId, compensation: name, error: lastError(error) };
        this.step = `compensation stuck: ${name}`;
        log.error('a compensation cannot complete; an operator must retry it', stuck);
        await reports.reportCompensationStuck(stuck);
        reported = true;
        this.retryRequested = false;
        await condition(() => this.retryRequested);
        this.step = `retrying compensation: ${name}`;
      }
    }
  }

  /** Every undo owed, newest first, each until done. */
  undoAll(): Promise<void> {
    return this.compensations.runNewestFirst((undo: Compensation) =>
      this.untilDone(undo.name, undo.run),
    );
  }
}
