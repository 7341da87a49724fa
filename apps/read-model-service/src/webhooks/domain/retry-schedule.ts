/** The first retry waits about a second; each one after waits about twice as long, up to 5 minutes. */
const firstDelayMs = 1_000;
const longestDelayMs = 5 * 60_000;

/**
 * How long to wait after failed attempt number `attempt` (1 for the first): exponential, with
 * jitter over the upper half, so endpoints that failed together are not retried together.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(longestDelayMs, firstDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Whether a delivery may be tried again, or has had its time and is parked for an operator. */
export const mayRetry = (retriesFrom: Date, now: Date, retryForMs: number): boolean =>
  now.getTime() - retriesFrom.getTime() < retryForMs;
