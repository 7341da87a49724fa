import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
} from '@opentelemetry/api';
import { PublicEdgePropagator } from './public-edge-propagator';

describe('the public edge propagator', () => {
  const edge = new PublicEdgePropagator();

  it("ignores a caller's traceparent and baggage", () => {
    const carrier = {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      baggage: 'orderId=forged',
    };
    const extracted = edge.extract(context.active(), carrier, defaultTextMapGetter);
    assert.equal(trace.getSpanContext(extracted), undefined);
    assert.equal(propagation.getBaggage(extracted), undefined);
  });

  it('still sends its own context on', () => {
    const spanContext = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    };
    const carrier: Record<string, string> = {};
    edge.inject(trace.setSpanContext(context.active(), spanContext), carrier, defaultTextMapSetter);
    assert.match(
      carrier['traceparent'] ?? '',
      /^00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01$/,
    );
  });
});
