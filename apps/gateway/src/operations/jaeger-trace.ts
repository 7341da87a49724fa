import type { TraceSpanView } from '@orchard/contracts';

/** A trace as Jaeger's query API (`/api/traces/:id`) returns it: the parts the waterfall needs. */
export interface JaegerTrace {
  spans: {
    spanID: string;
    operationName: string;
    processID: string;
    startTime: number;
    duration: number;
    references?: { refType: string; spanID: string }[];
    tags?: { key: string; type?: string; value: unknown }[];
  }[];
  processes: Record<string, { serviceName: string }>;
}

type Attribute = string | number | boolean;

const isAttribute = (value: unknown): value is Attribute =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** OpenTelemetry's error status, as Jaeger shows it (`error` = true, or the status code). */
const isError = (attributes: Record<string, Attribute>) =>
  attributes['error'] === true || attributes['otel.status_code'] === 'ERROR';

/**
 * The trace's spans, earliest first, with start times relative to the earliest: what a
 * waterfall draws. A span's parent is its CHILD_OF reference; a span whose parent is not in the
 * trace (not exported yet) is drawn as a root rather than dropped.
 */
export function waterfallSpans(trace: JaegerTrace): TraceSpanView[] {
  const start = Math.min(...trace.spans.map((span) => span.startTime));
  const ids = new Set(trace.spans.map((span) => span.spanID));
  return trace.spans
    .map((span) => {
      const attributes = Object.fromEntries(
        (span.tags ?? [])
          .filter((tag) => isAttribute(tag.value))
          .map((tag) => [tag.key, tag.value as Attribute]),
      );
      const parent = span.references?.find((r) => r.refType === 'CHILD_OF')?.spanID;
      return {
        spanId: span.spanID,
        parentSpanId: parent && ids.has(parent) ? parent : null,
        service: trace.processes[span.processID]?.serviceName ?? 'unknown',
        operation: span.operationName,
        startMicros: span.startTime - start,
        durationMicros: span.duration,
        error: isError(attributes),
        attributes,
      };
    })
    .sort((a, b) => a.startMicros - b.startMicros || a.spanId.localeCompare(b.spanId));
}
