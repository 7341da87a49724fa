import type { PaymentActivities } from '@orchard/contracts';
import type { PaymentsService } from './payments.service';

/** The payment steps of the order saga, run by this service's Temporal worker. */
export function createPaymentActivities(payments: PaymentsService): PaymentActivities {
  return {
    authorizePayment: (input) => payments.authorize(input),
    capturePayment: ({ orderId }) => payments.capture(orderId),
    voidPayment: ({ orderId }) => payments.void(orderId),
    refundPayment: ({ orderId }) => payments.refund(orderId),
  };
}
