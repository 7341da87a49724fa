import { z } from 'zod';

const Instant = z.iso.datetime({ offset: true });

/** The instant the windows end at (its minute included): now unless asked otherwise. */
export const ShopMetricsRequest = z
  .object({
    at: Instant.refine((at) => at >= '2000' && at < '3000', {
      message: 'an instant from the year 2000 to 2999',
    }).optional(),
  })
  .strict();
export type ShopMetricsRequest = z.infer<typeof ShopMetricsRequest>;

/** A sliding window, by event time: start included, end excluded. */
const Window = z.object({ windowStart: Instant, windowEnd: Instant });

export const ShopAlert = Window.extend({
  id: z.uuid(),
  kind: z.literal('rejection-rate'),
  rate: z.number(),
  threshold: z.number(),
  decisions: z.number().int(),
  rejections: z.number().int(),
  /** When the measure fell back below its threshold (event time); null while it is open. */
  clearedAt: Instant.nullable(),
});
export type ShopAlert = z.infer<typeof ShopAlert>;

/** The shop's live metrics, computed continuously from the order events. */
export const ShopMetrics = z.object({
  at: Instant,
  /** How late (event time) an event may arrive and still count. */
  latenessBoundSeconds: z.number().int(),
  /** Events that arrived later than that, left out of every window. */
  lateEvents: z.number().int(),
  /** Tumbling one-minute windows, the last 15, oldest first. */
  perMinute: z.array(
    z.object({
      minute: Instant,
      ordersPlaced: z.number().int(),
      ordersConfirmed: z.number().int(),
      ordersRejected: z.number().int(),
      revenueCents: z.number().int(),
    }),
  ),
  /** The last 5 minutes' rejections among the orders decided, and their causes. */
  rejections: Window.extend({
    decisions: z.number().int(),
    rejections: z.number().int(),
    rate: z.number(),
    threshold: z.number(),
    causes: z.array(z.object({ cause: z.string(), rejections: z.number().int() })),
  }),
  /** The last 30 minutes' best sellers by units, at most 10. */
  topProducts: Window.extend({
    products: z.array(
      z.object({ sku: z.string(), units: z.number().int(), revenueCents: z.number().int() }),
    ),
  }),
  /** The newest alerts first, at most 20. */
  alerts: z.array(ShopAlert),
});
export type ShopMetrics = z.infer<typeof ShopMetrics>;
