import { type Transaction } from '@orchard/platform/database';
import { PoisonEventError } from '@orchard/platform/kafka';
import {
  applyToSummary,
  ContradictingEventError,
  type OrderSummaryEvent,
  type OrderSummaryState,
} from './domain/order-summary';

interface SummaryRow {
  order_id: string;
  customer_id: string | null;
  status: OrderSummaryState['status'];
  reason: string | null;
  total_cents: number | null;
  items: OrderSummaryState['items'];
  history: OrderSummaryState['history'];
  placed_at: Date | null;
  payment_status: NonNullable<OrderSummaryState['payment']>['status'] | null;
  payment_amount_cents: number | null;
  reservation_status: OrderSummaryState['reservationStatus'];
  shipment_id: string | null;
  shipment_status: NonNullable<OrderSummaryState['shipment']>['status'] | null;
  parcels: NonNullable<OrderSummaryState['shipment']>['parcels'];
}

function toState(row: SummaryRow): OrderSummaryState {
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    reason: row.reason,
    totalCents: row.total_cents,
    items: row.items,
    history: row.history,
    placedAt: row.placed_at?.toISOString() ?? null,
    payment:
      row.payment_status === null || row.payment_amount_cents === null
        ? null
        : { status: row.payment_status, amountCents: row.payment_amount_cents },
    reservationStatus: row.reservation_status,
    shipment:
      row.shipment_id === null || row.shipment_status === null
        ? null
        : { shipmentId: row.shipment_id, status: row.shipment_status, parcels: row.parcels },
  };
}

/**
 * Applies an event to its order's summary: the row is created if this is the first event of
 * the order to arrive, locked, changed by applyToSummary and written back, all in the event's
 * transaction. Returns the summary as it now is. An event that contradicts the summary can
 * never succeed, however often it is retried: it is dead-lettered.
 */
export async function updateOrderSummary(
  tx: Transaction,
  event: OrderSummaryEvent,
): Promise<OrderSummaryState> {
  const { orderId } = event.data;
  await tx.query(
    `insert into order_summaries (order_id, updated_at) values ($1, $2)
     on conflict (order_id) do nothing`,
    [orderId, event.occurredAt],
  );
  const { rows } = await tx.query<SummaryRow>(
    'select * from order_summaries where order_id = $1 for update',
    [orderId],
  );
  const summary = changed(toState(rows[0] as SummaryRow), event);
  await tx.query(
    `update order_summaries
        set customer_id = $2, status = $3, reason = $4, total_cents = $5, items = $6,
            history = $7, placed_at = $8, payment_status = $9, payment_amount_cents = $10,
            reservation_status = $11, shipment_id = $12, shipment_status = $13, parcels = $14,
            updated_at = greatest(updated_at, $15)
      where order_id = $1`,
    [
      orderId,
      summary.customerId,
      summary.status,
      summary.reason,
      summary.totalCents,
      JSON.stringify(summary.items),
      JSON.stringify(summary.history),
      summary.placedAt,
      summary.payment?.status ?? null,
      summary.payment?.amountCents ?? null,
      summary.reservationStatus,
      summary.shipment?.shipmentId ?? null,
      summary.shipment?.status ?? null,
      JSON.stringify(summary.shipment?.parcels ?? []),
      event.occurredAt,
    ],
  );
  return summary;
}

function changed(summary: OrderSummaryState, event: OrderSummaryEvent): OrderSummaryState {
  try {
    return applyToSummary(summary, event);
  } catch (error) {
    if (error instanceof ContradictingEventError) throw new PoisonEventError(error.message);
    throw error;
  }
}

/**
 * The order's line in its customer's history, from the summary's order fields. Called for
 * order events only, so its updated_at is when the order itself last changed.
 */
export async function updateCustomerOrder(
  tx: Transaction,
  summary: OrderSummaryState,
  occurredAt: string,
): Promise<void> {
  const { orderId, customerId, status, totalCents, placedAt } = summary;
  // Without order.placed the customer is unknown; every order's events start with it.
  if (customerId === null || status === null || placedAt === null) return;
  await tx.query(
    `insert into customer_orders (order_id, customer_id, status, total_cents, placed_at, updated_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (order_id) do update
       set status = excluded.status, total_cents = excluded.total_cents,
           updated_at = greatest(customer_orders.updated_at, excluded.updated_at)`,
    [orderId, customerId, status, totalCents, placedAt, occurredAt],
  );
}
