import { Injectable } from '@nestjs/common';
import type {
  CustomerOrder,
  OrderInStatus,
  OrdersInStatusRequest,
  OrderSummary,
  Page,
  PageRequest,
  ProductView,
} from '@orchard/contracts';
import { decodeCursor, encodeCursor } from './page-cursor';
import type { QueryRunner } from './replica-reads';

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value as Date).toISOString();

function toOrderSummary(row: Row): OrderSummary {
  return {
    id: row['order_id'],
    customerId: row['customer_id'],
    status: row['status'],
    reason: row['reason'],
    totalCents: row['total_cents'],
    items: row['items'],
    payment:
      row['payment_status'] === null
        ? null
        : { status: row['payment_status'], amountCents: row['payment_amount_cents'] },
    reservation: row['reservation_status'] === null ? null : { status: row['reservation_status'] },
    shipment:
      row['shipment_id'] === null
        ? null
        : {
            shipmentId: row['shipment_id'],
            status: row['shipment_status'],
            parcels: row['parcels'],
          },
    history: row['history'],
    createdAt: iso(row['placed_at']),
    updatedAt: iso(row['updated_at']),
  } as OrderSummary;
}

const toProductView = (row: Row): ProductView =>
  ({
    sku: row['sku'],
    name: row['name'],
    priceCents: row['price_cents'],
    warehouse: row['warehouse'],
    available: row['available'],
  }) as ProductView;

/** A page of at most `limit` rows, read as `limit + 1` to know whether another follows. */
function pageFrom<T>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => string[],
  toItem: (row: Row) => T,
): Page<T> {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    items: rows.slice(0, limit).map(toItem),
    nextCursor: last ? encodeCursor(keyOf(last)) : null,
  };
}

/** The views as the queries read them. A row the events have only half built is not shown. */
@Injectable()
export class QueriesRepository {
  constructor(private readonly database: QueryRunner) {}

  /** Known once order.placed is applied: events of other topics may have created the row first. */
  async orderSummary(orderId: string): Promise<OrderSummary | undefined> {
    const [row] = await this.database.query(
      'select * from order_summaries where order_id = $1 and customer_id is not null',
      [orderId],
    );
    return row && toOrderSummary(row);
  }

  /** A customer's orders, newest first (ties by id), a page after `cursor`. */
  async customerOrders(customerId: string, page: PageRequest): Promise<Page<CustomerOrder>> {
    const after =
      page.cursor === undefined ? null : decodeCursor(page.cursor, ['timestamp', 'uuid']);
    const rows = await this.database.query(
      `select order_id, status, total_cents, placed_at, updated_at,
              to_json(placed_at) #>> '{}' as placed_key
         from customer_orders
        where customer_id = $1
          and ($3::timestamptz is null or (placed_at, order_id) < ($3::timestamptz, $4::uuid))
        order by placed_at desc, order_id desc
        limit $2`,
      [customerId, page.limit + 1, after?.[0] ?? null, after?.[1] ?? null],
    );
    return pageFrom(
      rows,
      page.limit,
      (row) => [row['placed_key'] as string, row['order_id'] as string],
      (row) =>
        ({
          orderId: row['order_id'],
          status: row['status'],
          totalCents: row['total_cents'],
          placedAt: iso(row['placed_at']),
          updatedAt: iso(row['updated_at']),
        }) as CustomerOrder,
    );
  }

  /** The orders in one status, newest first (ties by id), a page after `cursor`. */
  async ordersInStatus(request: OrdersInStatusRequest): Promise<Page<OrderInStatus>> {
    const after =
      request.cursor === undefined ? null : decodeCursor(request.cursor, ['timestamp', 'uuid']);
    const rows = await this.database.query(
      `select c.order_id, c.customer_id, c.status, s.reason, c.total_cents, c.placed_at,
              c.updated_at, to_json(c.placed_at) #>> '{}' as placed_key
         from customer_orders c left join order_summaries s using (order_id)
        where c.status = $1
          and ($3::timestamptz is null or (c.placed_at, c.order_id) < ($3::timestamptz, $4::uuid))
        order by c.placed_at desc, c.order_id desc
        limit $2`,
      [request.status, request.limit + 1, after?.[0] ?? null, after?.[1] ?? null],
    );
    return pageFrom(
      rows,
      request.limit,
      (row) => [row['placed_key'] as string, row['order_id'] as string],
      (row) =>
        ({
          orderId: row['order_id'],
          customerId: row['customer_id'],
          status: row['status'],
          reason: row['reason'],
          totalCents: row['total_cents'],
          placedAt: iso(row['placed_at']),
          updatedAt: iso(row['updated_at']),
        }) as OrderInStatus,
    );
  }

  /** Products whose product.upserted has arrived (stock events alone make none), by SKU. */
  async products(page: PageRequest): Promise<Page<ProductView>> {
    const after = page.cursor === undefined ? null : decodeCursor(page.cursor, ['text']);
    const rows = await this.database.query(
      `select sku, name, price_cents, warehouse, available from product_availability
        where name is not null and ($2::text is null or sku > $2)
        order by sku limit $1`,
      [page.limit + 1, after?.[0] ?? null],
    );
    return pageFrom(rows, page.limit, (row) => [row['sku'] as string], toProductView);
  }

  async product(sku: string): Promise<ProductView | undefined> {
    const [row] = await this.database.query(
      `select sku, name, price_cents, warehouse, available from product_availability
        where sku = $1 and name is not null`,
      [sku],
    );
    return row && toProductView(row);
  }
}
