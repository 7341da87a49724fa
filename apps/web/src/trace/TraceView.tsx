import { useState } from 'react';
import { operations } from '../api/endpoints.ts';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { useLoad } from '../ui/use-load.ts';
import { duration, waterfallRows, type WaterfallRow } from './waterfall.ts';

function SpanRow({ row, open, toggle }: { row: WaterfallRow; open: boolean; toggle: () => void }) {
  const { span } = row;
  const name = `${span.service} ${span.operation}, ${duration(span.durationMicros)}${span.error ? ', error' : ''}`;
  return (
    <div
      role="treeitem"
      aria-level={row.depth}
      aria-expanded={open}
      aria-label={name}
      tabIndex={0}
      className={`span-row${span.error ? ' span-error' : ''}`}
      onClick={toggle}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          toggle();
        }
      }}
    >
      <div className="span-label" style={{ paddingInlineStart: `${(row.depth - 1) * 0.9}rem` }}>
        <span className="span-service">{span.service}</span> {span.operation}
        {span.error && <span className="span-flag"> error</span>}
      </div>
      <div className="span-track" aria-hidden="true">
        <div
          className="span-bar"
          style={{
            marginInlineStart: `${row.offset * 100}%`,
            width: `max(1px, ${row.width * 100}%)`,
          }}
        />
      </div>
      <div className="span-duration">{duration(span.durationMicros)}</div>
      {open && (
        <dl className="span-attributes" onClick={(event) => event.stopPropagation()}>
          <dt>starts at</dt>
          <dd>+{duration(span.startMicros)}</dd>
          {Object.entries(span.attributes)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
        </dl>
      )}
    </div>
  );
}

/**
 * One order's trace as a waterfall: each span a row nested under its parent, its bar placed on
 * the trace's time line, errors marked; a row opens to show the span's attributes.
 */
export function TraceView({ orderId }: { orderId: string }) {
  const trace = useLoad(() => operations.trace(orderId), 'order', [orderId]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (spanId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });
  const rows = trace.data ? waterfallRows(trace.data.spans) : [];
  return (
    <section aria-labelledby="trace-title">
      <h1 id="trace-title">Trace of order {orderId.slice(0, 8)}</h1>
      {trace.data && (
        <p>
          Trace {trace.data.traceId}, {trace.data.spans.length} spans.{' '}
          {trace.data.jaegerUrl && <a href={trace.data.jaegerUrl}>Open in Jaeger</a>}
        </p>
      )}
      <ErrorNotice
        message={
          trace.error?.startsWith("We couldn't find")
            ? 'The trace has not reached Jaeger yet: spans arrive within seconds.'
            : trace.error
        }
      />
      <button type="button" onClick={trace.reload} disabled={trace.loading}>
        {trace.error ? 'Try again' : 'Refresh'}
      </button>
      <div role="tree" aria-label="Spans" className="waterfall">
        {rows.map((row) => (
          <SpanRow
            key={row.span.spanId}
            row={row}
            open={open.has(row.span.spanId)}
            toggle={() => toggle(row.span.spanId)}
          />
        ))}
      </div>
    </section>
  );
}
