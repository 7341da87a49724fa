import type { PlaceOrderInput, SagaOutcome } from '@orchard/contracts/saga';
import { awaitShipment, end, interruptionBy } from './endings';
import { confirmOrder, reserveThroughCapture } from './forward-steps';
import { SagaRun } from './saga-run';

export {
  cancelOrderSignal,
  orderShippedSignal,
  retryCompensationsSignal,
  sagaStepQuery,
  undoRegisteredBeforeStep,
} from './saga-run';

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
  const saga = new SagaRun(input.orderId);
  try {
    const reservation = await saga.forward.run(() => reserveThroughCapture(saga, input));
    if (saga.cancelReason !== undefined)
      return await end(saga, { kind: 'cancelled', reason: saga.cancelReason });
    await confirmOrder(saga, reservation);
  } catch (error) {
    return await end(saga, interruptionBy(saga, error));
  }
  return awaitShipment(saga);
}
