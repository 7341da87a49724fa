import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TraceSpanView } from '@orchard/contracts';
import { duration, waterfallRows } from './waterfall.ts';

const span = (
  spanId: string,
  parentSpanId: string | null,
  startMicros: number,
  durationMicros: number,
): TraceSpanView => ({
  spanId,
  parentSpanId,
  service: 'order-service',
  operation: spanId,
  startMicros,
  durationMicros,
  error: false,
  attributes: {},
});

const drawn = (spans: TraceSpanView[]) =>
  waterfallRows(spans).map((row) => `${'  '.repeat(row.depth - 1)}${row.span.spanId}`);

describe('the trace waterfall', () => {
  it('draws each span under its parent, children by start time, whatever order they came in', () => {
    const spans = [
      span('capture', 'saga', 600, 100),
      span('reserve', 'saga', 200, 300),
      span('saga', 'post', 100, 800),
      span('sql', 'reserve', 250, 50),
      span('post', null, 0, 1_000),
    ];
    assert.deepEqual(drawn(spans), ['post', '  saga', '    reserve', '      sql', '    capture']);
  });

  it('places each bar as a fraction of the whole trace', () => {
    const rows = waterfallRows([span('root', null, 0, 1_000), span('child', 'root', 250, 500)]);
    assert.deepEqual(
      rows.map(({ offset, width }) => ({ offset, width })),
      [
        { offset: 0, width: 1 },
        { offset: 0.25, width: 0.5 },
      ],
    );
  });

  it('draws a span whose parent is missing as a root, and a cycle once', () => {
    assert.deepEqual(drawn([span('orphan', 'lost', 10, 5), span('root', null, 0, 20)]), [
      'root',
      'orphan',
    ]);
    // a ↔ b: each other's parents, so neither is a root and neither is drawn; c is.
    const cycle = [span('a', 'b', 0, 1), span('b', 'a', 1, 1), span('c', null, 0, 2)];
    assert.deepEqual(drawn(cycle), ['c']);
  });

  it('draws an empty trace as nothing, and a trace of zero length without dividing by zero', () => {
    assert.deepEqual(waterfallRows([]), []);
    const [row] = waterfallRows([span('instant', null, 0, 0)]);
    assert.deepEqual({ offset: row?.offset, width: row?.width }, { offset: 0, width: 0 });
  });

  it('says durations in the unit that reads best', () => {
    assert.equal(duration(420), '420 µs');
    assert.equal(duration(999), '999 µs');
    assert.equal(duration(1_000), '1.0 ms');
    assert.equal(duration(35_400), '35.4 ms');
    assert.equal(duration(1_000_000), '1.00 s');
    assert.equal(duration(1_234_567), '1.23 s');
  });
});
