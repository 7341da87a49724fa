import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import {
  businessErrorTypes,
  taskQueues,
  type InventoryActivities,
  type OrderActivities,
  type PaymentActivities,
  type ShippingActivities,
} from '@orchard/contracts/saga';

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

/** A service's activities on its task queue, as forward steps and as undo steps. */
const activitiesOf = <T>(taskQueue: string) => ({
  forward: proxyActivities<T>({ ...forwardSteps, taskQueue }),
  undo: proxyActivities<T>({ ...compensationSteps, taskQueue }),
});

export const inventory = activitiesOf<InventoryActivities>(taskQueues.inventory);
export const payment = activitiesOf<PaymentActivities>(taskQueues.payment);
export const shipping = activitiesOf<ShippingActivities>(taskQueues.shipping);
export const order = activitiesOf<OrderActivities>(taskQueues.order);
export const reports = proxyActivities<OrderActivities>({
  ...reportSteps,
  taskQueue: taskQueues.order,
});
