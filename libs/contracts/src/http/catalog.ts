import { z } from 'zod';
import { Sku } from './orders';
import { pageOf } from './paging';
import { limits } from '../limits';
import { text } from './text';

export const ProductView = z.object({
  sku: z.string(),
  name: z.string(),
  priceCents: z.number().int(),
  warehouse: z.string(),
  available: z.number().int(),
});
export type ProductView = z.infer<typeof ProductView>;

export const ProductPage = pageOf(ProductView);

/** A product's stock as inventory holds it, and whether it is at or below its alert level. */
export const StockLevel = ProductView.pick({
  sku: true,
  name: true,
  warehouse: true,
  available: true,
}).extend({
  lowStockThreshold: z.number().int(),
  low: z.boolean(),
});
export type StockLevel = z.infer<typeof StockLevel>;

export const UpsertProductRequest = z
  .object({
    name: text(200),
    priceCents: z.number().int().min(1).max(limits.maxUnitPriceCents),
    warehouse: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
    lowStockThreshold: z.number().int().min(0).max(1_000_000).default(5),
  })
  .strict();
export type UpsertProductRequest = z.infer<typeof UpsertProductRequest>;

export const StockAdjustmentRequest = z
  .object({
    delta: z
      .number()
      .int()
      .min(-limits.maxStockAdjustment)
      .max(limits.maxStockAdjustment)
      .refine((d) => d !== 0, 'a non-zero change'),
    reason: text(200),
  })
  .strict();
export type StockAdjustmentRequest = z.infer<typeof StockAdjustmentRequest>;

export { Sku };
