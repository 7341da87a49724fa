import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { urls } from '../topology';
import { waitFor } from '../wait';

interface JaegerTrace {
  traceID: string;
  spans: { spanID: string; operationName: string; processID: string }[];
  processes: Record<string, { serviceName: string }>;
}

describe('Jaeger', () => {
  it('stores a span sent over OTLP and returns it from the query API', async () => {
    const serviceName = `probe-${randomUUID()}`;
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': serviceName }),
      spanProcessors: [
        new SimpleSpanProcessor({
          exporter: new OTLPTraceExporter({ url: `${urls.otlpHttp}/v1/traces` }),
        }),
      ],
    });
    const span = provider.getTracer('probe').startSpan('probe-operation');
    const { traceId } = span.spanContext();
    span.end();
    await provider.forceFlush();
    await provider.shutdown();

    let trace: JaegerTrace | undefined;
    await waitFor(
      async () => {
        const response = await fetch(`${urls.jaegerQuery}/api/traces/${traceId}`);
        if (!response.ok) return false;
        trace = ((await response.json()) as { data: JaegerTrace[] }).data[0];
        return trace !== undefined;
      },
      { timeoutMs: 30_000, what: `trace ${traceId} in Jaeger` },
    );
    const stored = trace?.spans[0];
    assert.deepEqual(
      {
        traceId: trace?.traceID,
        operation: stored?.operationName,
        service: stored && trace?.processes[stored.processID]?.serviceName,
      },
      { traceId, operation: 'probe-operation', service: serviceName },
    );
  });
});
