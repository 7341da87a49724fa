import type { HeldLocks } from '@orchard/platform/locks';

/** The lock a reservation holds on one SKU's stock; its fencing token guards the stock row. */
export const stockLockOf = (sku: string): string => `stock:${sku}`;

/** Each SKU's fencing token, from the stock locks held on them. */
export const fencingTokensOf = (locks: HeldLocks, skus: readonly string[]): Map<string, number> =>
  new Map(skus.map((sku) => [sku, locks.tokenOf(stockLockOf(sku))]));
