import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ProductView, StockAdjustmentRequest, UpsertProductRequest } from '@orchard/contracts';
import { type Queryable } from '@orchard/platform/database';
import { NotFoundError, UnprocessableError } from '@orchard/platform/http';
import { appendToOutbox } from '@orchard/platform/outbox';
import { adjustedOnHand } from '../stock/domain/stock-level';
import { appendLowStockAlerts, inventoryEvents } from '../stock/inventory-events';
import { CatalogRepository } from './catalog.repository';

/** The catalog (names, prices, warehouses) and the stock adjustments that change on_hand. */
@Injectable()
export class CatalogService {
  constructor(private readonly catalog: CatalogRepository) {}

  listProducts(): Promise<ProductView[]> {
    return this.catalog.list();
  }

  getProduct(sku: string): Promise<ProductView> {
    return this.productOrNotFound(sku, this.catalog.database.pool);
  }

  async upsertProduct(sku: string, product: UpsertProductRequest): Promise<ProductView> {
    return this.catalog.database.transaction(async (tx) => {
      await this.catalog.upsert(tx, sku, product);
      await appendToOutbox(tx, inventoryEvents.productUpserted(sku, product));
      return this.productOrNotFound(sku, tx);
    });
  }

  async adjustStock(sku: string, { delta, reason }: StockAdjustmentRequest): Promise<ProductView> {
    return this.catalog.database.transaction(async (tx) => {
      const stock = await this.catalog.lockStock(tx, sku);
      if (!stock) throw new NotFoundError(`no product ${sku}`);
      const adjusted = adjustedOnHand(stock.onHand, delta);
      if ('refusal' in adjusted)
        throw new UnprocessableError(`cannot adjust ${sku}: ${adjusted.detail}`, adjusted.refusal);
      const { onHand } = adjusted;
      await this.catalog.adjust(tx, { id: randomUUID(), sku, delta, reason });
      await appendToOutbox(tx, inventoryEvents.stockAdjusted({ sku, delta, reason, onHand }));
      await appendLowStockAlerts(tx, [
        { sku, before: stock.onHand, after: onHand, threshold: stock.lowStockThreshold },
      ]);
      return this.productOrNotFound(sku, tx);
    });
  }

  private async productOrNotFound(sku: string, tx: Queryable): Promise<ProductView> {
    const product = await this.catalog.find(sku, tx);
    if (!product) throw new NotFoundError(`no product ${sku}`);
    return product;
  }
}
