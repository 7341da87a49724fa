import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  isCancellation,
} from '@temporalio/workflow';
import { compensationRefusals, type SagaOutcome } from '@orchard/contracts/saga';
import { order, shipping } from './saga-activities';
import { businessReason, causeOf, lastError, type Interruption } from './saga-failures';
import type { SagaRun } from './saga-run';

/** Why the forward steps stopped, from the error they stopped with. */
export function interruptionBy(saga: SagaRun, error: unknown): Interruption {
  if (saga.cancelReason !== undefined && isCancellation(error))
    return { kind: 'cancelled', reason: saga.cancelReason };
  const reason = businessReason(error);
  if (reason !== undefined) return { kind: 'rejected', reason };
  if (!(error instanceof ActivityFailure)) throw error; // a bug in this code: Temporal retries the task
  return { kind: 'failed', reason: `${saga.step}: ${lastError(error)}` };
}

const compensatingAfter = { failed: 'failure', rejected: 'rejection', cancelled: 'cancellation' };

/** Undoes what was done and records how the order ended. */
export async function end(saga: SagaRun, interruption: Interruption): Promise<SagaOutcome> {
  const { orderId } = saga;
  saga.step = `compensating after ${compensatingAfter[interruption.kind]}`;
  await saga.undoAll();
  const { reason } = interruption;
  switch (interruption.kind) {
    case 'rejected':
      await saga.untilDone('record rejection', () => order.undo.rejectOrder({ orderId, reason }));
      saga.step = 'rejected';
      return { status: 'REJECTED', reason };
    case 'cancelled':
      await saga.untilDone('record cancellation', () =>
        order.undo.cancelOrder({ orderId, reason }),
      );
      saga.step = 'cancelled';
      return { status: 'CANCELLED', reason };
    case 'failed':
      await saga.untilDone('record failure', () => order.undo.failOrder({ orderId, reason }));
      saga.step = 'failed';
      return { status: 'FAILED', reason };
  }
}

/**
 * Cancels the shipment of a confirmed order, unless its parcels have already left: shipping
 * dispatches on `order.confirmed` without asking anyone, so a cancellation can arrive too
 * late. False then, and the order ships.
 */
const cancelShipmentUnlessDispatched = (saga: SagaRun) =>
  saga.untilDone('cancel shipment', async () => {
    try {
      await shipping.undo.cancelShipment({ orderId: saga.orderId });
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

/**
 * A confirmed order ships by choreography, and the order service signals `orderShipped`; a
 * cancel that comes first cancels it, unless its parcels have already left.
 */
export async function awaitShipment(saga: SagaRun): Promise<SagaOutcome> {
  saga.step = 'awaiting shipment';
  await condition(() => saga.shipped || saga.cancelReason !== undefined);
  if (!saga.shipped && (await cancelShipmentUnlessDispatched(saga))) {
    saga.compensations.remove('cancel shipment');
    return end(saga, { kind: 'cancelled', reason: saga.cancelReason ?? 'cancelled' });
  }
  // Too late to cancel, if that was asked: the parcels are on their way.
  saga.step = 'awaiting shipment (too late to cancel)';
  await condition(() => saga.shipped);
  saga.step = 'shipped';
  return { status: 'SHIPPED' };
}
