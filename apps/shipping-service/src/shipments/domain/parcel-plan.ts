import type { ReservedLine } from '@orchard/contracts';

/** Where the simulated carrier delivers. Anything else is refused as unshippable. */
// Stryker disable StringLiteral: the countries are data; the rule that reads them is tested.
export const shippableCountries: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'CH',
  'CZ',
  'DE',
  'DK',
  'ES',
  'FI',
  'FR',
  'GB',
  'IE',
  'IT',
  'LU',
  'NL',
  'NO',
  'PL',
  'PT',
  'SE',
  'US',
]);
// Stryker restore StringLiteral

export interface PlannedParcel {
  warehouse: string;
  items: { sku: string; quantity: number }[];
}

/** One parcel per warehouse, warehouses in a stable order so a retry plans the same parcels. */
export function planParcels(lines: readonly ReservedLine[]): PlannedParcel[] {
  const byWarehouse = new Map<string, PlannedParcel>();
  for (const line of lines) {
    const parcel = byWarehouse.get(line.warehouse) ?? { warehouse: line.warehouse, items: [] };
    parcel.items.push({ sku: line.sku, quantity: line.quantity });
    byWarehouse.set(line.warehouse, parcel);
  }
  return [...byWarehouse.values()].sort((a, b) => a.warehouse.localeCompare(b.warehouse));
}
