import { SpanKind, type Attributes, type Context, type Link } from '@opentelemetry/api';
import {
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace';

/** The share of the traces a read starts that is kept, unless TRACE_READ_RATIO says otherwise. */
export const defaultReadRatio = 0.01;

/** The stable HTTP semantic convention the HTTP instrumentation sets as a server span starts. */
const requestMethod = 'http.request.method';

/**
 * Which traces are kept. Every trace a command starts is kept whole (an order's trace is how its
 * saga is followed). Reads (GET and HEAD) start most traces yet tell little one by one, and
 * recording and exporting each would cost a read path more than the read itself: a share of
 * them, `readRatio`, is kept, chosen by trace id. Spans below a root follow its decision.
 */
export function commandsAndSomeReads(readRatio: number): Sampler {
  return new ParentBasedSampler({ root: new CommandsAndSomeReadsSampler(readRatio) });
}

/** TRACE_READ_RATIO as a ratio in [0, 1], or the default. */
export function readRatioFrom(env: NodeJS.ProcessEnv): number {
  const ratio = Number(env['TRACE_READ_RATIO'] ?? defaultReadRatio);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1)
    throw new Error(
      `TRACE_READ_RATIO must be a number from 0 to 1, not ${env['TRACE_READ_RATIO']}`,
    );
  return ratio;
}

class CommandsAndSomeReadsSampler implements Sampler {
  private readonly reads: Sampler;

  constructor(private readonly readRatio: number) {
    this.reads = new TraceIdRatioBasedSampler(readRatio);
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const method = attributes[requestMethod];
    if (spanKind === SpanKind.SERVER && (method === 'GET' || method === 'HEAD'))
      return this.reads.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    return { decision: SamplingDecision.RECORD_AND_SAMPLED };
  }

  toString(): string {
    return `CommandsAndSomeReads{readRatio=${this.readRatio}}`;
  }
}
