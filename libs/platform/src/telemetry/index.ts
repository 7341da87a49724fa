/** OpenTelemetry: the SDK, sampling, Temporal tracing. */
export * from './telemetry-sdk';
export * from './temporal-tracing';
export * from './trace-id';
