import { Injectable } from '@nestjs/common';
import type { CustomerOrder, OrderSummary, ProductView } from '@orchard/contracts';
import { Database } from '@orchard/platform';

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

/** The views as the queries read them. A row the events have only half built is not shown. */
@Injectable()
export class QueriesRepository {
  constructor(private readonly database: Database) {}

  /** Known once order.placed is applied: events of other topics may have created the row first. */
  async orderSummary(orderId: string): Promise<OrderSummary | undefined> {
    const [row] = await this.database.query(
      'select * from order_summaries where order_id = $1 and customer_id is not null',
      [orderId],
    );
    return row && toOrderSummary(row);
  }

  async customerOrders(customerId: string): Promise<CustomerOrder[]> {
    const rows = await this.database.query(
      `select order_id, status, total_cents, placed_at, updated_at from customer_orders
        where customer_id = $1 order by placed_at desc, order_id`,
      [customerId],
    );
    return rows.map((row) => ({
      orderId: row['order_id'],
      status: row['status'],
      totalCents: row['total_cents'],
      placedAt: iso(row['placed_at']),
      updatedAt: iso(row['updated_at']),
    }));
  }

  /** Products whose product.upserted has arrived; stock events alone make no product. */
  async products(): Promise<ProductView[]> {
    const rows = await this.database.query(
      `select sku, name, price_cents, warehouse, available from product_availability
        where name is not null order by sku`,
    );
    return rows.map(toProductView);
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
