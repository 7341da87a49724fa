import type { ShopAlert, ShopMetrics } from '@orchard/contracts';
import type { Database } from '@orchard/platform/database';
import { latenessBoundMs, paneMs, slidingWindow } from './domain/event-time';
import { rateOf, rejectionRateThreshold, rejectionWindowPanes } from './domain/rejection-alert';
import { decisionsIn } from './shop-metrics.handler';

const minutesShown = 15;
const topProductPanes = 30;
const topProductsShown = 10;
const alertsShown = 20;

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value as Date).toISOString();

/** Reads the windows from the panes: a tumbling minute is a pane, a sliding window a sum of them. */
export class ShopMetricsRepository {
  constructor(private readonly database: Database) {}

  async metricsAt(at: Date): Promise<ShopMetrics> {
    const pool = this.database.pool;
    const minutes = slidingWindow(at, minutesShown);
    const rejectionWindow = slidingWindow(at, rejectionWindowPanes);
    const productWindow = slidingWindow(at, topProductPanes);
    const [panes, counts, causes, products, alerts, late] = await Promise.all([
      this.database.query<Row>(
        `select minute, orders_placed, orders_confirmed, orders_rejected, revenue_cents
           from shop_metric_minutes where minute >= $1 and minute < $2`,
        [minutes.start, minutes.end],
      ),
      decisionsIn(pool, rejectionWindow),
      this.database.query<{ cause: string; rejections: number }>(
        `select cause, sum(rejections)::integer as rejections from shop_rejection_causes
          where minute >= $1 and minute < $2 group by cause order by 2 desc, 1`,
        [rejectionWindow.start, rejectionWindow.end],
      ),
      this.database.query<{ sku: string; units: number; revenueCents: number }>(
        `select sku, sum(units)::integer as units, sum(revenue_cents)::bigint as "revenueCents"
           from shop_product_minutes where minute >= $1 and minute < $2
          group by sku order by 2 desc, 1 limit ${topProductsShown}`,
        [productWindow.start, productWindow.end],
      ),
      this.database.query<Row>(
        `select * from shop_alerts where window_end <= $1 order by window_end desc, id
          limit ${alertsShown}`,
        [rejectionWindow.end],
      ),
      this.database.query<{ late: number }>(
        'select coalesce(sum(late_events), 0)::bigint as late from shop_metric_watermarks',
      ),
    ]);
    const byMinute = new Map(panes.map((pane) => [iso(pane['minute']), pane]));
    return {
      at: at.toISOString(),
      latenessBoundSeconds: latenessBoundMs / 1000,
      lateEvents: late[0]?.late ?? 0,
      perMinute: Array.from({ length: minutesShown }, (_, n) => {
        const minute = new Date(minutes.start.getTime() + n * paneMs).toISOString();
        const pane = byMinute.get(minute);
        return {
          minute,
          ordersPlaced: (pane?.['orders_placed'] as number | undefined) ?? 0,
          ordersConfirmed: (pane?.['orders_confirmed'] as number | undefined) ?? 0,
          ordersRejected: (pane?.['orders_rejected'] as number | undefined) ?? 0,
          revenueCents: (pane?.['revenue_cents'] as number | undefined) ?? 0,
        };
      }),
      rejections: {
        windowStart: rejectionWindow.start.toISOString(),
        windowEnd: rejectionWindow.end.toISOString(),
        ...counts,
        rate: rateOf(counts),
        threshold: rejectionRateThreshold,
        causes,
      },
      topProducts: {
        windowStart: productWindow.start.toISOString(),
        windowEnd: productWindow.end.toISOString(),
        products,
      },
      alerts: alerts.map(toAlert),
    };
  }
}

const toAlert = (row: Row): ShopAlert => ({
  id: row['id'] as string,
  kind: 'rejection-rate',
  windowStart: iso(row['window_start']),
  windowEnd: iso(row['window_end']),
  rate: row['rate'] as number,
  threshold: row['threshold'] as number,
  decisions: row['decisions'] as number,
  rejections: row['rejections'] as number,
  clearedAt: row['cleared_at'] === null ? null : iso(row['cleared_at']),
});
