import type { OrderStatus } from '@orchard/contracts';

export const statusWords: Record<OrderStatus, string> = {
  PENDING: 'Pending',
  CONFIRMED: 'Confirmed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
};

/** Every status, in the order of the saga's path (the record above names them all). */
export const allStatuses = Object.keys(statusWords) as OrderStatus[];

/** The way an order goes when all is well. */
export const happyPath: OrderStatus[] = ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'];

export const finalStatuses: ReadonlySet<OrderStatus> = new Set([
  'DELIVERED',
  'REJECTED',
  'CANCELLED',
  'FAILED',
]);

/** The saga lets a shopper cancel until the order ships. */
export const cancellable: ReadonlySet<OrderStatus> = new Set(['PENDING', 'CONFIRMED']);

/** Why an order did not go through, in a shopper's words (the saga names its business errors). */
export function reasonWords(reason: string | null): string | undefined {
  if (!reason) return undefined;
  if (/InsufficientFunds/i.test(reason))
    return "Your wallet didn't have enough money for this order. Nothing was charged.";
  if (/OutOfStock/i.test(reason)) return 'Some items were out of stock. Nothing was charged.';
  if (/UnknownPaymentAccount/i.test(reason))
    return 'Your wallet is not open yet: make a deposit first. Nothing was charged.';
  if (/UnknownProduct/i.test(reason)) return 'An item is no longer sold. Nothing was charged.';
  if (/Unshippable/i.test(reason)) return "We can't ship to that address yet. Nothing was charged.";
  if (/cancel/i.test(reason)) return 'You cancelled this order. Anything paid was refunded.';
  return 'Something went wrong with this order on our side. Nothing was charged.';
}
