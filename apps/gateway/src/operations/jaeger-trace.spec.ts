import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waterfallSpans, type JaegerTrace } from './jaeger-trace';

const trace: JaegerTrace = {
  processes: { p1: { serviceName: 'gateway' }, p2: { serviceName: 'payment-service' } },
  spans: [
    {
      spanID: 'b',
      operationName: 'authorize',
      processID: 'p2',
      startTime: 1_000_250,
      duration: 40,
      references: [{ refType: 'CHILD_OF', spanID: 'a' }],
      tags: [
        { key: 'otel.status_code', value: 'ERROR' },
        { key: 'order.id', value: 'o-1' },
        { key: 'binary', value: { bytes: [1] } },
      ],
    },
    {
      spanID: 'a',
      operationName: 'POST /orders',
      processID: 'p1',
      startTime: 1_000_000,
      duration: 900,
    },
    {
      spanID: 'c',
      operationName: 'orphan',
      processID: 'p9',
      startTime: 1_000_100,
      duration: 5,
      references: [{ refType: 'CHILD_OF', spanID: 'not-exported-yet' }],
    },
  ],
};

describe('a Jaeger trace as a waterfall', () => {
  const spans = waterfallSpans(trace);

  it('orders spans by start and times them from the first', () => {
    assert.deepEqual(
      spans.map((s) => [s.spanId, s.startMicros, s.durationMicros]),
      [
        ['a', 0, 900],
        ['c', 100, 5],
        ['b', 250, 40],
      ],
    );
  });

  it('names the service and nests by CHILD_OF, a missing parent making a root', () => {
    assert.deepEqual(
      spans.map((s) => [s.spanId, s.service, s.parentSpanId]),
      [
        ['a', 'gateway', null],
        ['c', 'unknown', null],
        ['b', 'payment-service', 'a'],
      ],
    );
  });

  it('marks errors and keeps only plain attributes', () => {
    const failed = spans.find((s) => s.spanId === 'b');
    assert.equal(failed?.error, true);
    assert.deepEqual(failed?.attributes, { 'otel.status_code': 'ERROR', 'order.id': 'o-1' });
    assert.equal(spans.find((s) => s.spanId === 'a')?.error, false);
  });
});
