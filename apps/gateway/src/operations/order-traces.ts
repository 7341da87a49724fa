import { ServiceUnavailableException } from '@nestjs/common';
import type { OrderTrace, OrderView } from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform/http';
import { Upstreams } from '../upstream/upstream.module';
import { waterfallSpans, type JaegerTrace } from './jaeger-trace';

const jaegerTimeoutMs = 3_000;

export interface TraceStore {
  /** Jaeger's query API; without it there are no traces to show. */
  queryUrl?: string;
  /** Jaeger's UI, where one is deployed. */
  uiUrl?: string;
}

/** An order's trace from Jaeger, found by the trace id the order service recorded with it. */
export class OrderTraces {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly store: TraceStore,
  ) {}

  async of(orderId: string): Promise<OrderTrace> {
    const queryUrl = this.store.queryUrl;
    if (!queryUrl) throw new ServiceUnavailableException('no trace store is configured');
    const { body: order } = await this.upstreams.order.request<OrderView>(
      'GET',
      `/orders/${orderId}`,
    );
    if (!order.traceId) throw new NotFoundError(`order ${orderId} was placed without a trace`);
    const trace = await this.fetchTrace(queryUrl, order.traceId);
    if (!trace || trace.spans.length === 0)
      throw new NotFoundError(`the trace of order ${orderId} has not reached Jaeger yet`);
    const ui = this.store.uiUrl;
    return {
      orderId,
      traceId: order.traceId,
      jaegerUrl: ui ? `${ui}/trace/${order.traceId}` : null,
      spans: waterfallSpans(trace),
    };
  }

  private async fetchTrace(queryUrl: string, traceId: string): Promise<JaegerTrace | undefined> {
    let response: Response;
    try {
      response = await fetch(`${queryUrl}/api/traces/${traceId}`, {
        signal: AbortSignal.timeout(jaegerTimeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailableException(`Jaeger did not answer: ${String(error)}`);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new ServiceUnavailableException(`Jaeger answered ${response.status}`);
    const { data } = (await response.json()) as { data?: JaegerTrace[] };
    return data?.[0];
  }
}
