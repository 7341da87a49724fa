import { randomUUID } from 'node:crypto';
import type { Queryable, Transaction } from '@orchard/platform/database';
import type { EventContext, EventHandler } from '@orchard/platform/kafka';
import { isTooLate, paneOf, slidingWindow } from './domain/event-time';
import { contributionOf, type Contribution } from './domain/order-contributions';
import {
  alertTransition,
  rateOf,
  rejectionRateThreshold,
  rejectionWindowPanes,
  type DecisionCounts,
} from './domain/rejection-alert';
import { recordLateEvent, recordRejectionRate } from './shop-metrics.metrics';

export interface ShopMetricsHandlerOptions {
  /** After the commit that raised an alert: publish it. */
  onAlertRaised: (alertId: string) => void;
}

/**
 * The stream processor's step for one order event, in the event's transaction: the partition's
 * event-time progress, the event's pane, and the rejection alert re-evaluated over its window.
 */
export function shopMetricsHandler(options: ShopMetricsHandlerOptions): EventHandler {
  return async (event, context) => {
    const contribution = contributionOf(event);
    if (!contribution) return;
    const eventTime = new Date(event.occurredAt);
    if (await tooLate(context, eventTime)) {
      context.tx.afterCommit(recordLateEvent);
      return;
    }
    const pane = paneOf(eventTime);
    await addToPane(context.tx, pane, contribution);
    if (contribution.confirmed + contribution.rejected === 0) return;
    const raised = await evaluateRejectionAlert(context.tx, eventTime);
    if (raised) context.tx.afterCommit(() => options.onAlertRaised(raised));
  };
}

/** Moves the partition's event time on, or counts the event as too late for its windows. */
async function tooLate(context: EventContext, eventTime: Date): Promise<boolean> {
  const { tx, topic, partition } = context;
  const { rows } = await tx.query<{ max_event_time: Date }>(
    `select max_event_time from shop_metric_watermarks
      where topic = $1 and partition = $2 for update`,
    [topic, partition],
  );
  const newestSeen = rows[0]?.max_event_time ?? null;
  const late = isTooLate(eventTime, newestSeen);
  await tx.query(
    `insert into shop_metric_watermarks (topic, partition, max_event_time, late_events)
     values ($1, $2, $3, $4)
     on conflict (topic, partition) do update
       set max_event_time = greatest(shop_metric_watermarks.max_event_time, excluded.max_event_time),
           late_events = shop_metric_watermarks.late_events + excluded.late_events`,
    [topic, partition, eventTime, late ? 1 : 0],
  );
  return late;
}

async function addToPane(tx: Transaction, pane: Date, contribution: Contribution): Promise<void> {
  const { placed, confirmed, rejected, revenueCents, cause, products } = contribution;
  await tx.query(
    `insert into shop_metric_minutes
       (minute, orders_placed, orders_confirmed, orders_rejected, revenue_cents)
     values ($1, $2, $3, $4, $5)
     on conflict (minute) do update set
       orders_placed = shop_metric_minutes.orders_placed + excluded.orders_placed,
       orders_confirmed = shop_metric_minutes.orders_confirmed + excluded.orders_confirmed,
       orders_rejected = shop_metric_minutes.orders_rejected + excluded.orders_rejected,
       revenue_cents = shop_metric_minutes.revenue_cents + excluded.revenue_cents`,
    [pane, placed, confirmed, rejected, revenueCents],
  );
  if (cause !== null)
    await tx.query(
      `insert into shop_rejection_causes (minute, cause, rejections) values ($1, $2, 1)
       on conflict (minute, cause) do update
         set rejections = shop_rejection_causes.rejections + 1`,
      [pane, cause],
    );
  if (products.length > 0)
    await tx.query(
      `insert into shop_product_minutes (minute, sku, units, revenue_cents)
       select $1, sku, units, revenue_cents
         from unnest($2::text[], $3::integer[], $4::bigint[]) as t (sku, units, revenue_cents)
       on conflict (minute, sku) do update set
         units = shop_product_minutes.units + excluded.units,
         revenue_cents = shop_product_minutes.revenue_cents + excluded.revenue_cents`,
      [
        pane,
        products.map((p) => p.sku),
        products.map((p) => p.units),
        products.map((p) => p.revenueCents),
      ],
    );
}

/** The decisions of the sliding window ending with `at`'s pane. */
export async function decisionsIn(
  tx: Queryable,
  window: { start: Date; end: Date },
): Promise<DecisionCounts> {
  const { rows } = await tx.query<{ decisions: number; rejections: number }>(
    `select coalesce(sum(orders_confirmed + orders_rejected), 0)::integer as decisions,
            coalesce(sum(orders_rejected), 0)::integer as rejections
       from shop_metric_minutes where minute >= $1 and minute < $2`,
    [window.start, window.end],
  );
  return rows[0] ?? { decisions: 0, rejections: 0 };
}

/** Raises or clears the rejection alert; returns the id of an alert it raised. */
async function evaluateRejectionAlert(tx: Transaction, at: Date): Promise<string | undefined> {
  const window = slidingWindow(at, rejectionWindowPanes);
  const counts = await decisionsIn(tx, window);
  recordRejectionRate(rateOf(counts));
  const { rows: open } = await tx.query<{ id: string }>(
    `select id from shop_alerts where kind = 'rejection-rate' and cleared_at is null for update`,
  );
  switch (alertTransition(open.length > 0, counts)) {
    case 'raise': {
      // Another instance may have raised it a moment ago (its own partitions): one stays open.
      const { rows: raised } = await tx.query<{ id: string }>(
        `insert into shop_alerts
           (id, kind, window_start, window_end, rate, threshold, decisions, rejections)
         values ($1, 'rejection-rate', $2, $3, $4, $5, $6, $7)
         on conflict (kind) where cleared_at is null do nothing
         returning id`,
        [
          randomUUID(),
          window.start,
          window.end,
          rateOf(counts),
          rejectionRateThreshold,
          counts.decisions,
          counts.rejections,
        ],
      );
      return raised[0]?.id;
    }
    case 'clear':
      await tx.query(`update shop_alerts set cleared_at = $2 where id = $1`, [open[0]?.id, at]);
      return undefined;
    case 'none':
      return undefined;
  }
}
