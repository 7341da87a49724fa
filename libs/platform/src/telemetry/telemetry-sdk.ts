import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { isProbePath } from '../http/probe-paths';
import { ignoresIncomingContext, PublicEdgePropagator } from './public-edge-propagator';
import { WithoutTransactionControl } from './quiet-statements';
import { commandsAndSomeReads, readRatioFrom } from './read-sampler';

export interface Telemetry {
  service: string;
  resource: Resource;
  /** Also fed the workflow spans Temporal hands over from its sandbox. */
  spanProcessor: SpanProcessor;
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

/**
 * Starts the OpenTelemetry Node SDK: spans of every instrumented library go over OTLP to
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, named after `OTEL_SERVICE_NAME`. It must run before the
 * instrumented libraries are loaded, so each process's entry point imports it first. With
 * `OTEL_SDK_DISABLED=true` nothing is started and the API stays a no-op. Every command's trace
 * is kept, and a share (TRACE_READ_RATIO) of the reads' (see commandsAndSomeReads), unless the
 * standard OTEL_TRACES_SAMPLER names another sampler. A public edge (TRACE_INCOMING_CONTEXT=
 * ignore) starts every request's trace itself, whatever context the caller sent.
 */
export function startTelemetry(env: NodeJS.ProcessEnv = process.env): Telemetry | undefined {
  if (started || env['OTEL_SDK_DISABLED'] === 'true') return started;
  const service = env['OTEL_SERVICE_NAME'] ?? 'orchard';
  const resource = resourceFromAttributes({ 'service.name': service });
  const spanProcessor = new BatchSpanProcessor({
    exporter: new OTLPTraceExporter(),
    scheduledDelayMillis: 500,
  });
  const sdk = new NodeSDK({
    resource,
    ...(env['OTEL_TRACES_SAMPLER']
      ? {}
      : { sampler: new WithoutTransactionControl(commandsAndSomeReads(readRatioFrom(env))) }),
    spanProcessors: [spanProcessor],
    ...(ignoresIncomingContext(env) ? { textMapPropagator: new PublicEdgePropagator() } : {}),
    // Metrics are Prometheus's (prom-client, /metrics): no second set recorded per request.
    metricReaders: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => isProbePath(request.url ?? ''),
      }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        // A span per lifecycle hook would double a request's spans and say little.
        instrumentHooks: false,
        ignorePaths: ({ url }) => isProbePath(url),
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  sdk.start();
  started = { service, resource, spanProcessor, shutdown: () => sdk.shutdown() };
  return started;
}

/** The telemetry this process started, if any. */
export function activeTelemetry(): Telemetry | undefined {
  return started;
}
