import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@orchard/platform/kafka');

/**
 * Runs the handling of an event in a span of the producer's trace, so the order's trace goes on
 * through the consumer and the events its handler writes to the outbox carry it further. The
 * parent is the message's `traceparent` header (copied there from the outbox row by Debezium),
 * read here: no instrumentation of the Kafka client is needed, or loaded.
 */
export function inConsumerSpan<T>(
  name: string,
  headers: Record<string, string>,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    name,
    { kind: SpanKind.INTERNAL, attributes },
    propagation.extract(ROOT_CONTEXT, headers),
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
