/**
 * One rule for money and quantities, end to end: amounts are whole cents, and every amount
 * that accumulates (an order's total, a balance, stock counts) is `bigint` in every database.
 * In JSON and JavaScript they are numbers, which is exact for safe integers (≤ 2^53 − 1): the
 * bounds below keep every amount, and every sum the system makes of them, far below that.
 */
export const limits = {
  /** A product's price. */
  maxUnitPriceCents: 10_000_000,
  /** Units of one SKU in one order. */
  maxLineQuantity: 100,
  /** Distinct SKUs in one order. */
  maxOrderLines: 50,
  /** One deposit into a wallet. */
  maxDepositCents: 100_000_000,
  /** What one wallet may hold (available plus held): a deposit beyond it is refused. */
  maxWalletCents: 10_000_000_000_000,
  /** Units of one SKU on hand: a stock adjustment beyond it is refused. */
  maxStockUnits: 1_000_000_000,
  /** One stock adjustment, either way. */
  maxStockAdjustment: 1_000_000,
} as const;

export interface MoneyLimits {
  maxUnitPriceCents: number;
  maxLineQuantity: number;
  maxOrderLines: number;
  maxWalletCents: number;
}

/** The largest total an order can reach under `bounds`. */
export const largestOrderCents = (bounds: MoneyLimits): number =>
  bounds.maxUnitPriceCents * bounds.maxLineQuantity * bounds.maxOrderLines;

/** The largest total an order can reach: 5·10¹⁰ cents, well beyond a 32-bit integer. */
export const maxOrderTotalCents = largestOrderCents(limits);

/**
 * The rule is sound only while the largest order fits in a wallet and a wallet's sums (what
 * it holds plus what it is about to take) stay exact numbers; checked as the contracts load.
 */
export function assertMoneyLimitsAgree(bounds: MoneyLimits): void {
  if (
    largestOrderCents(bounds) > bounds.maxWalletCents ||
    2 * bounds.maxWalletCents > Number.MAX_SAFE_INTEGER
  )
    throw new Error('the money limits contradict each other');
}

assertMoneyLimitsAgree(limits);
