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
