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

/** The order a value names in its `orderId` field (an activity's input, an event's data). */
export function orderIdIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { orderId } = value as { orderId?: unknown };
  return typeof orderId === 'string' ? orderId : undefined;
}

/** The fields every log line carries from the active context. */
export function logContext(): { orderId?: string } {
  const orderId = propagation.getActiveBaggage()?.getEntry(orderIdKey)?.value;
  return orderId ? { orderId } : {};
}
