import { context, propagation, trace } from '@opentelemetry/api';

const orderIdKey = 'order.id';

/**
 * Runs `work` with the order it is about, so every log line written meanwhile names it, and
 * tags the active span with it. The id rides in OpenTelemetry baggage: it follows the active
 * context through async calls, and HTTP calls to other services carry it in `baggage`.
 */
export function withOrderId<T>(orderId: string, work: () => T): T {
  trace.getActiveSpan()?.setAttribute('order.id', orderId);
  const baggage = propagation.getActiveBaggage() ?? propagation.createBaggage();
  return context.with(
    propagation.setBaggage(context.active(), baggage.setEntry(orderIdKey, { value: orderId })),
    work,
  );
}

/** The fields every log line carries from the active context. */
export function logContext(): { orderId?: string } {
  const orderId = propagation.getActiveBaggage()?.getEntry(orderIdKey)?.value;
  return orderId ? { orderId } : {};
}
