import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';

/**
 * At the public edge, trace context from callers is not believed: a request's `traceparent`
 * would choose the trace id and force sampling, its `baggage` would write into logs. Every
 * request starts a trace of its own here; the context is still sent on to the services.
 */
export class PublicEdgePropagator implements TextMapPropagator {
  private readonly w3c = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.w3c.inject(context, carrier, setter);
  }

  extract(context: Context, _carrier: unknown, _getter: TextMapGetter): Context {
    return context;
  }

  fields(): string[] {
    return this.w3c.fields();
  }
}

/** `TRACE_INCOMING_CONTEXT=ignore` makes a process a public edge (the gateway); else `trust`. */
export const ignoresIncomingContext = (env: NodeJS.ProcessEnv): boolean =>
  env['TRACE_INCOMING_CONTEXT'] === 'ignore';
