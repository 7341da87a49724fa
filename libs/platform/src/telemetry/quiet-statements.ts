import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';

/** Statements that only open or close a transaction: a span of each says nothing. */
const transactionControl = /^pg\.query:(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/**
 * Keeps `sampler`'s decisions, but never records a span of a statement that only opens or
 * closes a transaction. They were a third of a traced order's database spans (an order's trace
 * held some 250 spans, 170 of them statements), and every recorded span costs its process
 * CPU to build and export. The statements that read or write data are still traced.
 */
export class WithoutTransactionControl implements Sampler {
  constructor(private readonly sampler: Sampler) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    if (transactionControl.test(spanName)) return { decision: SamplingDecision.NOT_RECORD };
    return this.sampler.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `WithoutTransactionControl{${this.sampler.toString()}}`;
  }
}
