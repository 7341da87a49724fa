import { businessErrorTypes, type OrchardEvent } from '@orchard/contracts';

/** What one order event adds to the pane of its event time. */
export interface Contribution {
  placed: number;
  confirmed: number;
  rejected: number;
  revenueCents: number;
  /** A rejection's cause. */
  cause: string | null;
  /** A confirmed order's lines. */
  products: { sku: string; units: number; revenueCents: number }[];
}

const none: Contribution = {
  placed: 0,
  confirmed: 0,
  rejected: 0,
  revenueCents: 0,
  cause: null,
  products: [],
};

/** The business error a rejection's reason names (the saga's contract), or Other. */
export const causeOf = (reason: string): string =>
  businessErrorTypes.find((type) => reason.includes(type)) ?? 'Other';

/**
 * Orders are counted when placed; revenue and products when confirmed (prices are known then);
 * the rejection rate over the orders decided (confirmed or rejected). Other events add nothing.
 */
export function contributionOf(event: OrchardEvent): Contribution | null {
  switch (event.type) {
    case 'order.placed':
      return { ...none, placed: 1 };
    case 'order.confirmed':
      return {
        ...none,
        confirmed: 1,
        revenueCents: event.data.totalCents,
        products: event.data.lines.map((line) => ({
          sku: line.sku,
          units: line.quantity,
          revenueCents: line.quantity * line.unitPriceCents,
        })),
      };
    case 'order.rejected':
      return { ...none, rejected: 1, cause: causeOf(event.data.reason) };
    default:
      return null;
  }
}
