/** Progress lines for long steps: what is happening and the time spent so far. */
const startedAt = Date.now();

function elapsed(): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`.padStart(7);
}

export const progress = {
  step(message: string): void {
    process.stdout.write(`[${elapsed()}] ${message}\n`);
  },
  warn(message: string): void {
    process.stderr.write(`[${elapsed()}] warning: ${message}\n`);
  },
  /** Runs a long task, printing a heartbeat so a slow build never looks like a hang. */
  async long<T>(label: string, task: () => Promise<T>, heartbeatMs = 15_000): Promise<T> {
    const begin = Date.now();
    progress.step(`${label} ...`);
    const timer = setInterval(
      () => progress.step(`${label}: still running (${Math.round((Date.now() - begin) / 1000)}s)`),
      heartbeatMs,
    );
    try {
      const result = await task();
      progress.step(`${label}: done in ${((Date.now() - begin) / 1000).toFixed(1)}s`);
      return result;
    } finally {
      clearInterval(timer);
    }
  },
};
