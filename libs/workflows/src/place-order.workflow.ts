import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  type ActivityOptions,
} from '@temporalio/workflow';
import {
  businessErrorTypes,
  cancelOrderSignalName,
  compensationRefusals,
  orderShippedSignalName,
  retryCompensationsSignalName,
  sagaStepQueryName,
  taskQueues,
  type InventoryActivities,
  type OrderActivities,
  type PaymentActivities,
  type PlaceOrderInput,
  type SagaOutcome,
  type SagaStep,
  type ShippingActivities,
} from '@orchard/contracts/saga';
import { Compensations, type Compensation } from './compensations';

export const cancelOrderSignal = defineSignal<[reason?: string]>(cancelOrderSignalName);
export const orderShippedSignal = defineSignal(orderShippedSignalName);
export const retryCompensationsSignal = defineSignal(retryCompensationsSignalName);
export const sagaStepQuery = defineQuery<string>(sagaStepQueryName);

/**
 * A forward step retries infrastructure errors with backoff, but not forever: after 8 attempts
 * (about 16 s of backoff), or 10 minutes without a worker to run it, it has failed for good and
 * the saga undoes what was done. Business errors fail it at once.
 */
const forwardSteps: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    maximumAttempts: 8,
    nonRetryableErrorTypes: [...businessErrorTypes],
  },
};

/**
 * An undo step must eventually succeed, yet one that keeps failing must not fail in silence:
 * after 8 attempts (about 23 s of backoff; a dead worker consumes none) it is reported stuck,
 * and the saga waits for an operator to retry it.
 */
const compensationSteps: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: 8,
  },
};

/** Reports to the operator retry until they get through: they are how a stuck saga is seen. */
const reportSteps: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
};

const activitiesOf = <T>(taskQueue: string) => ({
  forward: proxyActivities<T>({ ...forwardSteps, taskQueue }),
  undo: proxyActivities<T>({ ...compensationSteps, taskQueue }),
});
const inventory = activitiesOf<InventoryActivities>(taskQueues.inventory);
const payment = activitiesOf<PaymentActivities>(taskQueues.payment);
const shipping = activitiesOf<ShippingActivities>(taskQueues.shipping);
const order = activitiesOf<OrderActivities>(taskQueues.order);
const reports = proxyActivities<OrderActivities>({ ...reportSteps, taskQueue: taskQueues.order });

/**
 * A change of the saga's commands, shipped behind `patched()` so that sagas already running
 * replay as they ran. Once none of those runs is left (Temporal's visibility shows none started
 * before the deploy), `deprecatePatch` it, and later remove the old branch.
 */
export const undoRegisteredBeforeStep = 'undo-registered-before-step';

/** What ended the forward steps early: a business refusal, a cancellation, or a failure. */
type Interruption =
  | { kind: 'rejected'; reason: string }
  | { kind: 'cancelled'; reason: string }
  | { kind: 'failed'; reason: string };

const causeOf = (error: unknown) => (error instanceof ActivityFailure ? error.cause : error);

/** The business reason of a failed step, or undefined when the failure is not a business one. */
function businessReason(error: unknown): string | undefined {
  const cause = causeOf(error);
  if (
    cause instanceof ApplicationFailure &&
    cause.type &&
    businessErrorTypes.includes(cause.type)
  ) {
    return `${cause.type}: ${cause.message}`;
  }
  return undefined;
}

/** The innermost message of a failure: what actually went wrong, e.g. a database error. */
function lastError(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/**
 * Places an order: reserve stock, authorize payment, create the shipment, capture payment,
 * confirm. Every path ends in a named state:
 * - a business refusal undoes the steps done, newest first, and REJECTS the order;
 * - a cancellation before confirmation interrupts the step in progress (even one still
 *   retrying), undoes, and CANCELS it; after confirmation it cancels the shipment if the
 *   parcels have not left yet, else the order ships;
 * - a step that fails past its bound undoes and FAILS the order with the step and its error;
 * - an undo that cannot complete is reported stuck and waits for an operator's retry.
 * Once confirmed, the order ships by choreography and the order service signals `orderShipped`.
 */
export async function placeOrderWorkflow(input: PlaceOrderInput): Promise<SagaOutcome> {
  const { orderId } = input;
  const compensations = new Compensations();
  // Cancelled by the customer's signal: the forward step in progress stops, even mid-retry.
  const forward = new CancellationScope();
  let cancelReason: string | undefined;
  let shipped = false;
  let retryRequested = false;
  let step = 'started';

  setHandler(cancelOrderSignal, (reason) => {
    if (shipped || cancelReason !== undefined) return;
    cancelReason = reason ?? 'cancelled by the customer';
    forward.cancel();
  });
  setHandler(orderShippedSignal, () => {
    shipped = true;
  });
  setHandler(retryCompensationsSignal, () => {
    retryRequested = true;
  });
  setHandler(sagaStepQuery, () => step);

  /** Runs a step that must complete; when it cannot, reports it and waits for the operator. */
  async function untilDone<T>(name: string, run: () => Promise<T>): Promise<T> {
    let reported = false;
    for (;;) {
      try {
        const result = await run();
        if (reported) await reports.reportCompensationResolved({ orderId });
        return result;
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        const stuck = { orderId, compensation: name, error: lastError(error) };
        step = `compensation stuck: ${name}`;
        log.error('a compensation cannot complete; an operator must retry it', stuck);
        await reports.reportCompensationStuck(stuck);
        reported = true;
        retryRequested = false;
        await condition(() => retryRequested);
        step = `retrying compensation: ${name}`;
      }
    }
  }

  const undoAll = () =>
    compensations.runNewestFirst((undo: Compensation) => untilDone(undo.name, undo.run));

  /**
   * One forward step and its undo. The undo is registered before the step runs: a step that
   * failed past its bound or was interrupted may still have had its effect (an attempt that
   * timed out after committing), and every undo is harmless when there is nothing to undo.
   * Sagas that started before this change registered it after success, and go on doing so.
   */
  async function forwardStep<T>(
    name: SagaStep,
    run: () => Promise<T>,
    undo?: Compensation,
  ): Promise<T> {
    step = name;
    const undoFirst = patched(undoRegisteredBeforeStep);
    if (undo && undoFirst) compensations.push(undo.name, undo.run);
    const result = await run();
    if (undo && !undoFirst) compensations.push(undo.name, undo.run);
    return result;
  }

  /** Reserve, authorize, ship, capture: none is final until the order is confirmed. */
  async function reserveThroughCapture() {
    const reservation = await forwardStep(
      'reserving stock',
      () => inventory.forward.reserveStock({ orderId, items: input.items }),
      { name: 'release stock', run: () => inventory.undo.releaseStock({ orderId }) },
    );
    await forwardStep(
      'authorizing payment',
      () =>
        payment.forward.authorizePayment({
          orderId,
          customerId: input.customerId,
          amountCents: reservation.totalCents,
        }),
      { name: 'void payment', run: () => payment.undo.voidPayment({ orderId }) },
    );
    await forwardStep(
      'creating shipment',
      () =>
        shipping.forward.createShipment({
          orderId,
          lines: reservation.lines,
          shippingAddress: input.shippingAddress,
        }),
      { name: 'cancel shipment', run: () => shipping.undo.cancelShipment({ orderId }) },
    );
    await forwardStep('capturing payment', () => payment.forward.capturePayment({ orderId }));
    // Captured money is refunded, no longer voided.
    compensations.replace('void payment', 'refund payment', () =>
      payment.undo.refundPayment({ orderId }),
    );
    return reservation;
  }

  /** Why the forward steps stopped, from the error they stopped with. */
  function interruptionBy(error: unknown): Interruption {
    if (cancelReason !== undefined && isCancellation(error))
      return { kind: 'cancelled', reason: cancelReason };
    const reason = businessReason(error);
    if (reason !== undefined) return { kind: 'rejected', reason };
    if (!(error instanceof ActivityFailure)) throw error; // a bug in this code: Temporal retries the task
    return { kind: 'failed', reason: `${step}: ${lastError(error)}` };
  }

  /** Undoes what was done and records how the order ended. */
  async function end(interruption: Interruption): Promise<SagaOutcome> {
    step = `compensating after ${interruption.kind === 'failed' ? 'failure' : interruption.kind === 'rejected' ? 'rejection' : 'cancellation'}`;
    await undoAll();
    const { reason } = interruption;
    switch (interruption.kind) {
      case 'rejected':
        await untilDone('record rejection', () => order.undo.rejectOrder({ orderId, reason }));
        step = 'rejected';
        return { status: 'REJECTED', reason };
      case 'cancelled':
        await untilDone('record cancellation', () => order.undo.cancelOrder({ orderId, reason }));
        step = 'cancelled';
        return { status: 'CANCELLED', reason };
      case 'failed':
        await untilDone('record failure', () => order.undo.failOrder({ orderId, reason }));
        step = 'failed';
        return { status: 'FAILED', reason };
    }
  }

  /**
   * Cancels the shipment of a confirmed order, unless its parcels have already left: shipping
   * dispatches on `order.confirmed` without asking anyone, so a cancellation can arrive too
   * late. False then, and the order ships.
   */
  const cancelShipmentUnlessDispatched = () =>
    untilDone('cancel shipment', async () => {
      try {
        await shipping.undo.cancelShipment({ orderId });
        return true;
      } catch (error) {
        const cause = causeOf(error);
        if (
          cause instanceof ApplicationFailure &&
          cause.type === compensationRefusals.shipmentDispatched
        )
          return false;
        throw error;
      }
    });

  try {
    const reservation = await forward.run(reserveThroughCapture);
    if (cancelReason !== undefined) return await end({ kind: 'cancelled', reason: cancelReason });
    // Confirmation is where the order commits: it is not interrupted, a cancel is handled after.
    await forwardStep('confirming order', () =>
      order.forward.confirmOrder({ orderId, reservation }),
    );
  } catch (error) {
    return await end(interruptionBy(error));
  }

  step = 'awaiting shipment';
  await condition(() => shipped || cancelReason !== undefined);
  if (!shipped && (await cancelShipmentUnlessDispatched())) {
    compensations.remove('cancel shipment');
    return end({ kind: 'cancelled', reason: cancelReason ?? 'cancelled' });
  }
  // Too late to cancel, if that was asked: the parcels are on their way.
  step = 'awaiting shipment (too late to cancel)';
  await condition(() => shipped);
  step = 'shipped';
  return { status: 'SHIPPED' };
}
