import type { Reservation, UpsertProductRequest } from '@orchard/contracts';
import { type Transaction } from '@orchard/platform/database';
import { appendToOutbox, type DomainEvent } from '@orchard/platform/outbox';
import { fellBelowThreshold, type OnHandChange } from './domain/stock-level';

/** One topic for everything inventory publishes, keyed by order id or SKU. */
export const inventoryAggregateType = 'inventory';

export interface SettledLine {
  sku: string;
  quantity: number;
}

function event<T extends object>(type: string, aggregateId: string, data: T): DomainEvent<T> {
  return { type, version: 1, aggregateType: inventoryAggregateType, aggregateId, data };
}

/** Every event the inventory service publishes. Reservation events are keyed by order id, the others by SKU. */
export const inventoryEvents = {
  productUpserted: (sku: string, product: UpsertProductRequest) =>
    event('product.upserted', sku, { sku, ...product }),
  stockAdjusted: (adjustment: { sku: string; delta: number; reason: string; onHand: number }) =>
    event('stock.adjusted', adjustment.sku, adjustment),
  stockLow: ({ sku, after, threshold }: OnHandChange) =>
    event('stock.low', sku, { sku, onHand: after, threshold }),
  stockReserved: (orderId: string, reservation: Reservation) =>
    event('stock.reserved', orderId, { orderId, ...reservation }),
  stockReleased: (orderId: string, lines: SettledLine[]) =>
    event('stock.released', orderId, { orderId, lines }),
  stockCommitted: (orderId: string, lines: SettledLine[]) =>
    event('stock.committed', orderId, { orderId, lines }),
} as const;

/** Records a `stock.low` event, in the caller's transaction, for each change that crossed its threshold. */
export async function appendLowStockAlerts(
  tx: Transaction,
  changes: readonly OnHandChange[],
): Promise<void> {
  for (const change of changes.filter(fellBelowThreshold)) {
    await appendToOutbox(tx, inventoryEvents.stockLow(change));
  }
}
