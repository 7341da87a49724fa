import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** The shape Temporal's workflow sandbox gives its spans (OpenTelemetry JS 1.x field names). */
interface SandboxSpan extends ReadableSpan {
  parentSpanId?: string;
  instrumentationLibrary?: ReadableSpan['instrumentationScope'];
}

/**
 * Temporal's interceptors build workflow spans with the 1.x SDK, which names the parent by
 * `parentSpanId` and the scope `instrumentationLibrary`; the 2.x exporter reads
 * `parentSpanContext` and `instrumentationScope`, and without them the workflow spans would
 * arrive as roots of nothing. This renames the fields on the way through.
 */
export class WorkflowSpanProcessor implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    const sandboxed = span as SandboxSpan;
    if (sandboxed.parentSpanContext || sandboxed.instrumentationScope) {
      this.next.onEnd(span);
      return;
    }
    const context = span.spanContext();
    this.next.onEnd({
      ...span,
      spanContext: () => context,
      instrumentationScope: sandboxed.instrumentationLibrary ?? { name: 'temporal-workflow' },
      parentSpanContext: sandboxed.parentSpanId
        ? {
            traceId: context.traceId,
            spanId: sandboxed.parentSpanId,
            traceFlags: 1,
            isRemote: true,
          }
        : undefined,
    });
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    // The SDK shuts the wrapped processor down itself.
    return Promise.resolve();
  }
}
