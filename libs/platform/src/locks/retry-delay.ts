/** How long to wait between attempts at a lock someone else holds. */
export interface RetryDelay {
  minMs: number;
  maxMs: number;
}

export const defaultRetryDelay: RetryDelay = { minMs: 5, maxMs: 50 };

/**
 * The wait before retry number `attempt` (0 for the first): doubling from `minMs` up to
 * `maxMs`, drawn at random within that range so waiters that lost to the same holder spread
 * out instead of retrying in lockstep.
 */
export function retryDelayMs(
  attempt: number,
  { minMs, maxMs }: RetryDelay,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** (attempt + 1));
  return minMs + random() * Math.max(0, ceiling - minMs);
}
