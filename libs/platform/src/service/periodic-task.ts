import type { LoggerService } from '@nestjs/common';

/**
 * Work a service repeats on a timer (a sweep, a reconciliation): one run at a time, a failure
 * logged and left to the next run, and a stop that waits for the run in progress.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Pick<LoggerService, 'warn'>,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  /** Runs now, or waits for the run already in progress. */
  run(): Promise<void> {
    this.running ??= this.work()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.warn(`${this.what} failed, will retry: ${String(error)}`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
