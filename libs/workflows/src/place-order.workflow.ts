import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  type ActivityOptions,
} from '@temporalio/workflow';
import {
  businessErrorTypes,
  cancelOrderSignalName,
  compensationRefusals,
  orderShippedSignalName,
  sagaStepQueryName,
  taskQueues,
  type InventoryActivities,
  type OrderActivities,
  type PaymentActivities,
  type PlaceOrderInput,
  type SagaOutcome,
  type ShippingActivities,
} from '@orchard/contracts/saga';
import { Compensations } from './compensations';

export const cancelOrderSignal = defineSignal<[reason?: string]>(cancelOrderSignalName);
export const orderShippedSignal = defineSignal(orderShippedSignalName);
export const sagaStepQuery = defineQuery<string>(sagaStepQueryName);

/** Infrastructure errors retry with backoff; business errors fail the step at once. */
const forwardSteps: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    nonRetryableErrorTypes: [...businessErrorTypes],
  },
};

/** A compensation must eventually succeed: it retries until it does. */
const compensationSteps: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
  },
};

const activitiesOf = <T>(taskQueue: string) => ({
  forward: proxyActivities<T>({ ...forwardSteps, taskQueue }),
  undo: proxyActivities<T>({ ...compensationSteps, taskQueue }),
});
const inventory = activitiesOf<InventoryActivities>(taskQueues.inventory);
const payment = activitiesOf<PaymentActivities>(taskQueues.payment);
const shipping = activitiesOf<ShippingActivities>(taskQueues.shipping);
const order = activitiesOf<OrderActivities>(taskQueues.order);

class CancellationRequested extends Error {}

/** The business reason of a failed step, or undefined when the failure is not a business one. */
function businessReason(error: unknown): string | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (
    cause instanceof ApplicationFailure &&
    cause.type &&
    businessErrorTypes.includes(cause.type)
  ) {
    return `${cause.type}: ${cause.message}`;
  }
  return undefined;
}

/**
 * Cancels the shipment of a confirmed order, unless its parcels have already left: the
 * shipping service dispatches on `order.confirmed` without asking anyone, so a cancellation can
 * arrive too late. False then, and the order ships.
 */
async function cancelShipmentUnlessDispatched(orderId: string): Promise<boolean> {
  try {
    await shipping.undo.cancelShipment({ orderId });
    return true;
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : error;
    if (
      cause instanceof ApplicationFailure &&
      cause.type === compensationRefusals.shipmentDispatched
    )
      return false;
    throw error;
  }
}

/**
 * Places an order: reserve stock, authorize payment, create the shipment, capture payment,
 * confirm. A business failure undoes the steps done, newest first, and rejects the order. The
 * customer may cancel until the order ships; the same compensations run and it ends CANCELLED.
 * Once confirmed, the order ships by choreography (shipping dispatches on `order.confirmed`)
 * and the order service signals `orderShipped`; a cancellation that loses that race is void.
 */
export async function placeOrderWorkflow(input: PlaceOrderInput): Promise<SagaOutcome> {
  const { orderId } = input;
  let cancelReason: string | undefined;
  let shipped = false;
  let step = 'started';
  setHandler(cancelOrderSignal, (reason) => {
    if (!shipped) cancelReason = reason ?? 'cancelled by the customer';
  });
  setHandler(orderShippedSignal, () => {
    shipped = true;
  });
  setHandler(sagaStepQuery, () => step);

  const compensations = new Compensations();
  const checkpoint = (next: string) => {
    if (cancelReason !== undefined) throw new CancellationRequested();
    step = next;
  };

  try {
    checkpoint('reserving stock');
    const reservation = await inventory.forward.reserveStock({ orderId, items: input.items });
    compensations.push('release stock', () => inventory.undo.releaseStock({ orderId }));

    checkpoint('authorizing payment');
    await payment.forward.authorizePayment({
      orderId,
      customerId: input.customerId,
      amountCents: reservation.totalCents,
    });
    compensations.push('void payment', () => payment.undo.voidPayment({ orderId }));

    checkpoint('creating shipment');
    await shipping.forward.createShipment({
      orderId,
      lines: reservation.lines,
      shippingAddress: input.shippingAddress,
    });
    compensations.push('cancel shipment', () => shipping.undo.cancelShipment({ orderId }));

    checkpoint('capturing payment');
    await payment.forward.capturePayment({ orderId });
    // Captured money is refunded, no longer voided.
    compensations.replace('void payment', 'refund payment', () =>
      payment.undo.refundPayment({ orderId }),
    );

    checkpoint('confirming order');
    await order.forward.confirmOrder({ orderId, reservation });
    step = 'awaiting shipment';

    await condition(() => shipped || cancelReason !== undefined);
    if (!shipped) {
      if (await cancelShipmentUnlessDispatched(orderId)) {
        compensations.remove('cancel shipment');
        throw new CancellationRequested();
      }
      // Too late to cancel: the parcels are on their way, and the order service reports it.
      step = 'awaiting shipment (too late to cancel)';
      await condition(() => shipped);
    }
    step = 'shipped';
    return { status: 'SHIPPED' };
  } catch (error) {
    if (error instanceof CancellationRequested) {
      const reason = cancelReason ?? 'cancelled';
      step = 'compensating after cancellation';
      await compensations.runNewestFirst();
      await order.undo.cancelOrder({ orderId, reason });
      step = 'cancelled';
      return { status: 'CANCELLED', reason };
    }
    const reason = businessReason(error);
    if (reason === undefined) throw error;
    step = 'compensating after rejection';
    await compensations.runNewestFirst();
    await order.undo.rejectOrder({ orderId, reason });
    step = 'rejected';
    return { status: 'REJECTED', reason };
  }
}
