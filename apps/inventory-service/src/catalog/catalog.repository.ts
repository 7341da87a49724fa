import { Injectable } from '@nestjs/common';
import type { ProductView, StockLevel, UpsertProductRequest } from '@orchard/contracts';
import { Database, type Queryable, type Transaction } from '@orchard/platform/database';

export interface LockedStock {
  onHand: number;
  lowStockThreshold: number;
}

const productViewColumns = `p.sku, p.name, p.price_cents, p.warehouse, s.on_hand
  from products p join stock s on s.sku = p.sku`;

const toProductView = (row: {
  sku: string;
  name: string;
  price_cents: number;
  warehouse: string;
  on_hand: number;
}): ProductView => ({
  sku: row.sku,
  name: row.name,
  priceCents: row.price_cents,
  warehouse: row.warehouse,
  available: row.on_hand,
});

@Injectable()
export class CatalogRepository {
  constructor(readonly database: Database) {}

  async list(): Promise<ProductView[]> {
    const { rows } = await this.database.pool.query(`select ${productViewColumns} order by p.sku`);
    return rows.map(toProductView);
  }

  /** Lowest stock first, relative to each product's alert level: what needs attention leads. */
  async stockLevels(): Promise<StockLevel[]> {
    const { rows } = await this.database.pool.query<{
      sku: string;
      name: string;
      warehouse: string;
      on_hand: number;
      low_stock_threshold: number;
    }>(
      `select p.sku, p.name, p.warehouse, s.on_hand, p.low_stock_threshold
         from products p join stock s on s.sku = p.sku
        order by s.on_hand - p.low_stock_threshold, p.sku`,
    );
    return rows.map((row) => ({
      sku: row.sku,
      name: row.name,
      warehouse: row.warehouse,
      available: row.on_hand,
      lowStockThreshold: row.low_stock_threshold,
      low: row.on_hand <= row.low_stock_threshold,
    }));
  }

  async find(sku: string, tx: Queryable = this.database.pool): Promise<ProductView | undefined> {
    const { rows } = await tx.query(`select ${productViewColumns} where p.sku = $1`, [sku]);
    return rows[0] && toProductView(rows[0]);
  }

  /** Creates or updates the product; a new product starts with an empty stock row. */
  async upsert(tx: Transaction, sku: string, product: UpsertProductRequest): Promise<void> {
    await tx.query(
      `insert into products (sku, name, price_cents, warehouse, low_stock_threshold)
       values ($1, $2, $3, $4, $5)
       on conflict (sku) do update
         set name = excluded.name, price_cents = excluded.price_cents,
             warehouse = excluded.warehouse, low_stock_threshold = excluded.low_stock_threshold,
             updated_at = now()`,
      [sku, product.name, product.priceCents, product.warehouse, product.lowStockThreshold],
    );
    await tx.query('insert into stock (sku) values ($1) on conflict (sku) do nothing', [sku]);
  }

  /** Locks the SKU's stock row for the rest of the transaction. */
  async lockStock(tx: Transaction, sku: string): Promise<LockedStock | undefined> {
    const { rows } = await tx.query(
      `select s.on_hand, p.low_stock_threshold
         from stock s join products p on p.sku = s.sku
        where s.sku = $1
          for update of s`,
      [sku],
    );
    const row = rows[0];
    return row && { onHand: row.on_hand, lowStockThreshold: row.low_stock_threshold };
  }

  /** Applies a change of on_hand and records why; the caller holds the stock row's lock. */
  async adjust(
    tx: Transaction,
    adjustment: { id: string; sku: string; delta: number; reason: string },
  ): Promise<void> {
    await tx.query('update stock set on_hand = on_hand + $2, updated_at = now() where sku = $1', [
      adjustment.sku,
      adjustment.delta,
    ]);
    await tx.query(
      'insert into stock_adjustments (id, sku, delta, reason) values ($1, $2, $3, $4)',
      [adjustment.id, adjustment.sku, adjustment.delta, adjustment.reason],
    );
  }
}
