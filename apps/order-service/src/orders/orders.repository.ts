import { Injectable } from '@nestjs/common';
import { Database, type Transaction } from '@orchard/platform/database';
import type { OrderStatus, OrderView, PlaceOrderInput, ReservedLine } from '@orchard/contracts';

@Injectable()
export class OrdersRepository {
  constructor(readonly database: Database) {}

  /** Records a new order; false (and nothing written) if one with its id exists already. */
  async insert(tx: Transaction, order: PlaceOrderInput, traceId: string | null): Promise<boolean> {
    const { rowCount } = await tx.query(
      `insert into orders (id, customer_id, status, shipping_address, trace_id)
       values ($1, $2, 'PENDING', $3, $4) on conflict (id) do nothing`,
      [order.orderId, order.customerId, JSON.stringify(order.shippingAddress), traceId],
    );
    if (rowCount === 0) return false;
    await tx.query(
      `insert into order_items (order_id, sku, quantity)
       select $1, item->>'sku', (item->>'quantity')::int from jsonb_array_elements($2::jsonb) as item`,
      [order.orderId, JSON.stringify(order.items)],
    );
    await tx.query(
      `insert into order_status_history (order_id, from_status, to_status) values ($1, null, 'PENDING')`,
      [order.orderId],
    );
    return true;
  }

  /** The customer and status of an order, its row locked until the transaction ends. */
  async lockOwnerAndStatus(
    tx: Transaction,
    orderId: string,
  ): Promise<{ customerId: string; status: OrderStatus } | undefined> {
    const { rows } = await tx.query<{ customerId: string; status: OrderStatus }>(
      'select customer_id as "customerId", status from orders where id = $1 for update',
      [orderId],
    );
    return rows[0];
  }

  async find(orderId: string): Promise<OrderView | undefined> {
    const rows = await this.database.query<{ view: OrderView }>(
      `select json_build_object(
         'id', o.id, 'customerId', o.customer_id, 'status', o.status, 'reason', o.reason,
         'totalCents', o.total_cents, 'shippingAddress', o.shipping_address,
         'createdAt', o.created_at, 'updatedAt', o.updated_at, 'traceId', o.trace_id,
         'items', (select json_agg(json_build_object('sku', i.sku, 'quantity', i.quantity,
                     'unitPriceCents', i.unit_price_cents) order by i.sku)
                     from order_items i where i.order_id = o.id),
         'history', (select json_agg(json_build_object('status', h.to_status, 'reason', h.reason, 'at', h.at)
                       order by h.id)
                       from order_status_history h where h.order_id = o.id)) as view
         from orders o where o.id = $1`,
      [orderId],
    );
    return rows[0]?.view;
  }

  /** The order's status, its row locked until the transaction ends. */
  async lockStatus(tx: Transaction, orderId: string): Promise<OrderStatus | undefined> {
    const { rows } = await tx.query('select status from orders where id = $1 for update', [
      orderId,
    ]);
    return rows[0]?.status;
  }

  async changeStatus(
    tx: Transaction,
    orderId: string,
    from: OrderStatus,
    to: OrderStatus,
    reason: string | null,
  ): Promise<void> {
    await tx.query('update orders set status = $2, reason = $3, updated_at = now() where id = $1', [
      orderId,
      to,
      reason,
    ]);
    await tx.query(
      'insert into order_status_history (order_id, from_status, to_status, reason) values ($1, $2, $3, $4)',
      [orderId, from, to, reason],
    );
  }

  async recordPrices(
    tx: Transaction,
    orderId: string,
    lines: ReservedLine[],
    totalCents: number,
  ): Promise<void> {
    await tx.query('update orders set total_cents = $2 where id = $1', [orderId, totalCents]);
    await tx.query(
      `update order_items i set unit_price_cents = (line->>'unitPriceCents')::bigint
         from jsonb_array_elements($2::jsonb) as line
        where i.order_id = $1 and i.sku = line->>'sku'`,
      [orderId, JSON.stringify(lines)],
    );
  }

  /**
   * A page of the orders still PENDING after `ageSeconds`, oldest first, after `cursor` (the
   * last of the page before): whatever their age, the reconciler reaches every one.
   */
  async stalePending(
    ageSeconds: number,
    limit: number,
    cursor?: PendingCursor,
  ): Promise<{ order: PlaceOrderInput; cursor: PendingCursor }[]> {
    const rows = await this.database.query<PlaceOrderInput & { createdAt: string }>(
      `select o.id as "orderId", o.customer_id as "customerId", o.shipping_address as "shippingAddress",
              (select json_agg(json_build_object('sku', i.sku, 'quantity', i.quantity) order by i.sku)
                 from order_items i where i.order_id = o.id) as items,
              to_json(o.created_at) #>> '{}' as "createdAt"
         from orders o
        where o.status = 'PENDING' and o.created_at < now() - make_interval(secs => $1)
          and ($3::timestamptz is null or (o.created_at, o.id) > ($3::timestamptz, $4::uuid))
        order by o.created_at, o.id limit $2`,
      [ageSeconds, limit, cursor?.createdAt ?? null, cursor?.orderId ?? null],
    );
    return rows.map(({ createdAt, ...order }) => ({
      order,
      cursor: { createdAt, orderId: order.orderId },
    }));
  }
}

/** Where a walk over PENDING orders stands: the creation time (to the microsecond) and id. */
export interface PendingCursor {
  createdAt: string;
  orderId: string;
}
