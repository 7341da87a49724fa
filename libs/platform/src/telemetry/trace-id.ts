import { trace } from '@opentelemetry/api';

/** The response header that names the request's trace, to look it up in Jaeger. */
export const traceIdHeader = 'x-trace-id';

/** The id of the trace the active span belongs to, if one is being recorded. */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context.traceId : undefined;
}
