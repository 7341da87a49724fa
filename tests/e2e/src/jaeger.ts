import { urls, waitFor } from '@orchard/stack';

export interface TraceSpan {
  spanId: string;
  parentId: string | undefined;
  service: string;
  operation: string;
  tags: Record<string, unknown>;
}

interface JaegerTrace {
  spans: {
    spanID: string;
    operationName: string;
    processID: string;
    references?: { refType: string; spanID: string }[];
    tags?: { key: string; value: unknown }[];
  }[];
  processes: Record<string, { serviceName: string }>;
}

/** A trace as Jaeger's query API returns it, flattened: one entry per span. */
export async function traceFromJaeger(traceId: string): Promise<TraceSpan[]> {
  const response = await fetch(`${urls.jaegerQuery}/api/traces/${traceId}`);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} for trace ${traceId}`);
  const { data } = (await response.json()) as { data: JaegerTrace[] };
  return (data[0]?.spans ?? []).map((span) => ({
    spanId: span.spanID,
    parentId: span.references?.find((r) => r.refType === 'CHILD_OF')?.spanID,
    service: data[0]?.processes[span.processID]?.serviceName ?? 'unknown',
    operation: span.operationName,
    tags: Object.fromEntries((span.tags ?? []).map((t) => [t.key, t.value])),
  }));
}

/**
 * Waits until the trace holds a span matching each of `expected` (spans arrive in batches from
 * six processes, some of them only after Kafka has carried the events on), and returns it.
 */
export async function traceHolding(
  traceId: string,
  expected: Record<string, (span: TraceSpan) => boolean>,
  timeoutMs = 30_000,
): Promise<TraceSpan[]> {
  let spans: TraceSpan[] = [];
  let missing: string[] = Object.keys(expected);
  await waitFor(
    async () => {
      spans = await traceFromJaeger(traceId);
      missing = Object.entries(expected)
        .filter(([, matches]) => !spans.some(matches))
        .map(([name]) => name);
      // A span ends, and is exported, after its children: until its parent has arrived too, a
      // child would look like a root of its own.
      const ids = new Set(spans.map((s) => s.spanId));
      missing.push(
        ...spans
          .filter((s) => s.parentId && !ids.has(s.parentId))
          .map((s) => `the parent of ${s.service} ${s.operation}`),
      );
      return missing.length === 0;
    },
    { timeoutMs, intervalMs: 250, what: `trace ${traceId} to hold every expected span` },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; still missing: ${missing.join(', ')}`);
  });
  return spans;
}

/** The span's ancestors, nearest first. */
export function ancestorsOf(span: TraceSpan, spans: TraceSpan[]): TraceSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const ancestors: TraceSpan[] = [];
  for (let parent = byId.get(span.parentId ?? ''); parent; parent = byId.get(parent.parentId ?? ''))
    ancestors.push(parent);
  return ancestors;
}
