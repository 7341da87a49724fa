import { z } from 'zod';

/**
 * Building blocks of event data. They check shapes and invariants (whole cents, positive
 * quantities, ids that are UUIDs), not the HTTP layer's input formats: an event reports what
 * happened, and its producer has already decided it was allowed.
 */
export const Cents = z.number().int().min(0);
export const PositiveCents = z.number().int().min(1);
export const Quantity = z.number().int().min(1);
export const EventSku = z.string().min(1).max(64);
export const Warehouse = z.string().min(1).max(64);

/** A SKU and how many of it. */
export const SkuQuantity = z.object({ sku: EventSku, quantity: Quantity });

/** A line as the inventory service priced and reserved it. */
export const PricedLine = z.object({
  sku: EventSku,
  quantity: Quantity,
  unitPriceCents: PositiveCents,
  warehouse: Warehouse,
});

/**
 * A field that is always null at this version (`reason` of a move that needs none). Read as
 * null when absent too: the outbox router (Debezium's `table.expand.json.payload`) drops
 * JSON nulls on the way to Kafka, so consumers receive such events without the field.
 */
export const AlwaysNull = z.null().default(null);
