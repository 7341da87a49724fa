import type { PlaceOrderInput } from '@orchard/contracts/saga';
import { inventory, order, payment, shipping } from './saga-activities';
import type { SagaRun } from './saga-run';

type Reservation = Awaited<ReturnType<typeof inventory.forward.reserveStock>>;

/** Reserve, authorize, ship, capture: none is final until the order is confirmed. */
export async function reserveThroughCapture(
  saga: SagaRun,
  input: PlaceOrderInput,
): Promise<Reservation> {
  const { orderId } = input;
  const reservation = await saga.forwardStep(
    'reserving stock',
    () => inventory.forward.reserveStock({ orderId, items: input.items }),
    { name: 'release stock', run: () => inventory.undo.releaseStock({ orderId }) },
  );
  await saga.forwardStep(
    'authorizing payment',
    () =>
      payment.forward.authorizePayment({
        orderId,
        customerId: input.customerId,
        amountCents: reservation.totalCents,
      }),
    { name: 'void payment', run: () => payment.undo.voidPayment({ orderId }) },
  );
  await saga.forwardStep(
    'creating shipment',
    () =>
      shipping.forward.createShipment({
        orderId,
        lines: reservation.lines,
        shippingAddress: input.shippingAddress,
      }),
    { name: 'cancel shipment', run: () => shipping.undo.cancelShipment({ orderId }) },
  );
  await saga.forwardStep('capturing payment', () => payment.forward.capturePayment({ orderId }));
  // Captured money is refunded, no longer voided.
  saga.compensations.replace('void payment', 'refund payment', () =>
    payment.undo.refundPayment({ orderId }),
  );
  return reservation;
}

/** Confirmation is where the order commits: it is not interrupted, a cancel is handled after. */
export const confirmOrder = (saga: SagaRun, reservation: Reservation) =>
  saga.forwardStep('confirming order', () =>
    order.forward.confirmOrder({ orderId: saga.orderId, reservation }),
  );
