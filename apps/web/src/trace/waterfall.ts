import type { TraceSpanView } from '@orchard/contracts';

export interface WaterfallRow {
  span: TraceSpanView;
  /** 1 for a root, its parent's depth + 1 below it. */
  depth: number;
  /** Where the bar starts and how wide it is, as fractions of the whole trace. */
  offset: number;
  width: number;
}

/**
 * The spans in the order a waterfall draws them: depth first from each root, children by start
 * time, each with its bar's position on the trace's time line. A span whose parent is missing
 * is a root; a cycle (a broken trace) cannot loop, as each span is drawn once.
 */
export function waterfallRows(spans: readonly TraceSpanView[]): WaterfallRow[] {
  const end = Math.max(1, ...spans.map((s) => s.startMicros + s.durationMicros));
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, TraceSpanView[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  for (const list of children.values()) list.sort((a, b) => a.startMicros - b.startMicros);
  const rows: WaterfallRow[] = [];
  const drawn = new Set<string>();
  const visit = (span: TraceSpanView, depth: number) => {
    if (drawn.has(span.spanId)) return;
    drawn.add(span.spanId);
    rows.push({
      span,
      depth,
      offset: span.startMicros / end,
      width: Math.max(span.durationMicros / end, 0),
    });
    for (const child of children.get(span.spanId) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 1);
  return rows;
}

/** 1.2 s, 35 ms, 420 µs. */
export function duration(micros: number): string {
  if (micros >= 1_000_000) return `${(micros / 1_000_000).toFixed(2)} s`;
  if (micros >= 1_000) return `${(micros / 1_000).toFixed(1)} ms`;
  return `${micros} µs`;
}
