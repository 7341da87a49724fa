export class TimeoutError extends Error {}

/** Polls `condition` until it returns true; never sleeps longer than needed. */
export async function waitFor(
  condition: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() >= deadline)
      throw new TimeoutError(`timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Retries an assertion until it holds, for conditions that come true by themselves. */
export async function eventually(
  assertion: () => Promise<void>,
  { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
