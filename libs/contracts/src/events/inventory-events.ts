import { z } from 'zod';
import { defineEvent, type EventOf } from './define-event';
import { Cents, EventSku, PositiveCents, PricedLine, SkuQuantity, Warehouse } from './shared-data';

/**
 * Inventory events share topic `inventory.events`. Catalog and stock-level events are keyed by
 * SKU; reservation events by order id, so one order's reserve, release and commit stay in order.
 */

export const productUpsertedV1 = defineEvent({
  type: 'product.upserted',
  version: 1,
  aggregateType: 'inventory',
  data: z.object({
    sku: EventSku,
    name: z.string().min(1),
    priceCents: PositiveCents,
    warehouse: Warehouse,
    lowStockThreshold: z.number().int().min(0),
  }),
});
export type ProductUpsertedV1 = EventOf<typeof productUpsertedV1>;

/** Units came in or went out outside any order: deliveries, counts, breakage. */
export const stockAdjustedV1 = defineEvent({
  type: 'stock.adjusted',
  version: 1,
  aggregateType: 'inventory',
  data: z.object({
    sku: EventSku,
    delta: z.number().int(),
    reason: z.string().min(1),
    onHand: z.number().int().min(0),
  }),
});
export type StockAdjustedV1 = EventOf<typeof stockAdjustedV1>;

/** on_hand fell below the product's threshold: published once per crossing, not per sale. */
export const stockLowV1 = defineEvent({
  type: 'stock.low',
  version: 1,
  aggregateType: 'inventory',
  data: z.object({
    sku: EventSku,
    onHand: z.number().int().min(0),
    threshold: z.number().int().min(0),
  }),
});
export type StockLowV1 = EventOf<typeof stockLowV1>;

export const stockReservedV1 = defineEvent({
  type: 'stock.reserved',
  version: 1,
  aggregateType: 'inventory',
  data: z.object({
    orderId: z.uuid(),
    lines: z.array(PricedLine).min(1),
    totalCents: Cents,
  }),
});
export type StockReservedV1 = EventOf<typeof stockReservedV1>;

/** The saga's compensation: reserved units went back on hand. */
export const stockReleasedV1 = defineEvent({
  type: 'stock.released',
  version: 1,
  aggregateType: 'inventory',
  data: z.object({ orderId: z.uuid(), lines: z.array(SkuQuantity).min(1) }),
});
export type StockReleasedV1 = EventOf<typeof stockReleasedV1>;

/** The order's parcels left: reserved units became shipped. */
export const stockCommittedV1 = defineEvent({
  type: 'stock.committed',
  version: 1,
  aggregateType: 'inventory',
  data: z.object({ orderId: z.uuid(), lines: z.array(SkuQuantity).min(1) }),
});
export type StockCommittedV1 = EventOf<typeof stockCommittedV1>;

export const inventoryEventContracts = [
  productUpsertedV1,
  stockAdjustedV1,
  stockLowV1,
  stockReservedV1,
  stockReleasedV1,
  stockCommittedV1,
] as const;
