import { z } from 'zod';
import { OrderInStatus } from './read-models';

/** An order as the operations console lists it: the read model's row and its saga's step. */
export const OperatorOrder = OrderInStatus.extend({
  /** The saga's current step while it runs; null once it has finished or if Temporal is away. */
  sagaStep: z.string().nullable(),
  /** The order's workflow in Temporal's UI, when the deployment has one. */
  temporalUrl: z.string().nullable(),
});
export type OperatorOrder = z.infer<typeof OperatorOrder>;

export const OperatorOrderPage = z.object({
  items: z.array(OperatorOrder),
  nextCursor: z.string().nullable(),
});

/** One span of an order's trace, placed for a waterfall: times relative to the trace's start. */
export const TraceSpanView = z.object({
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  service: z.string(),
  operation: z.string(),
  startMicros: z.number().int(),
  durationMicros: z.number().int(),
  error: z.boolean(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type TraceSpanView = z.infer<typeof TraceSpanView>;

export const OrderTrace = z.object({
  orderId: z.uuid(),
  traceId: z.string(),
  /** The trace in Jaeger's own UI, when the deployment has one. */
  jaegerUrl: z.string().nullable(),
  spans: z.array(TraceSpanView),
});
export type OrderTrace = z.infer<typeof OrderTrace>;
