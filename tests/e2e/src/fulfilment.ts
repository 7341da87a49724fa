import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { orderWorkflowId, type OrderStatus, type SagaOutcome } from '@orchard/contracts';
import { postgresUrl, urls, waitFor } from '@orchard/stack';
import { withDatabase } from './invariants';

/** Where a confirmed order may already be: it ships on its own, by choreography. */
export const confirmedOrLater: OrderStatus[] = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];

export interface StockRow {
  onHand: number;
  reserved: number;
  shipped: number;
}

export async function stockOf(sku: string): Promise<StockRow | undefined> {
  return withDatabase('inventory', async (db) => {
    const { rows } = await db.query<StockRow>(
      `select on_hand as "onHand", reserved, shipped from stock where sku = $1`,
      [sku],
    );
    return rows[0];
  });
}

export interface ShipmentRow {
  status: string;
  parcels: string[];
  dispatchedEvents: number;
}

export async function shipmentOf(orderId: string): Promise<ShipmentRow | undefined> {
  return withDatabase('shipping', async (db) => {
    const shipment = await db.query('select status from shipments where order_id = $1', [orderId]);
    if (shipment.rows.length === 0) return undefined;
    const parcels = await db.query(
      'select status from parcels where order_id = $1 order by warehouse',
      [orderId],
    );
    const events = await db.query(
      `select count(*)::int as n from outbox where aggregateid = $1 and type = 'shipment.dispatched'`,
      [orderId],
    );
    return {
      status: shipment.rows[0].status,
      parcels: parcels.rows.map((p) => p.status),
      dispatchedEvents: events.rows[0].n,
    };
  });
}

/**
 * Runs `work` while the shipping service cannot dispatch: its dispatch consumer records every
 * event in its inbox table before acting, and this holds a lock on that table. The saga's own
 * shipping steps (create, cancel) never touch the inbox, so an order can be confirmed and
 * cancelled meanwhile. Dispatching resumes when the lock goes, also if this process dies.
 */
export async function whileDispatchIsHeld<T>(work: () => Promise<T>): Promise<T> {
  const db = new PgClient({ connectionString: postgresUrl('shipping') });
  await db.connect();
  try {
    await db.query('begin');
    await db.query('lock table inbox in exclusive mode');
    try {
      return await work();
    } finally {
      await db.query('rollback');
    }
  } finally {
    await db.end();
  }
}

/** Waits until the shipping service has handled the order's `order.confirmed`. */
export async function untilShippingHasSeenConfirmation(orderId: string): Promise<void> {
  const eventId = await withDatabase('order', async (db) => {
    const { rows } = await db.query(
      `select id from outbox where aggregateid = $1 and type = 'order.confirmed'`,
      [orderId],
    );
    return rows[0]?.id as string | undefined;
  });
  if (!eventId) throw new Error(`order ${orderId} has no order.confirmed event`);
  await waitFor(
    () =>
      withDatabase('shipping', async (db) => {
        const { rows } = await db.query(
          `select 1 from inbox where consumer = 'shipping-service.dispatch' and event_id = $1`,
          [eventId],
        );
        return rows.length === 1;
      }),
    {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: `shipping to handle order.confirmed of ${orderId}`,
    },
  );
}

/** The order's saga as Temporal reports it: its execution status and, once closed, its result. */
export async function sagaOf(
  orderId: string,
): Promise<{ status: string; outcome: SagaOutcome | undefined }> {
  const connection = await Connection.connect({ address: urls.temporalAddress });
  try {
    const handle = new Client({ connection }).workflow.getHandle(orderWorkflowId(orderId));
    const { status } = await handle.describe();
    const outcome =
      status.name === 'RUNNING' ? undefined : ((await handle.result()) as SagaOutcome);
    return { status: status.name, outcome };
  } finally {
    await connection.close();
  }
}
