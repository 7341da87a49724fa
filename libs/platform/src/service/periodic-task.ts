import type { LoggerService } from '@nestjs/common';

export interface PeriodicTaskOptions {
  /** The first run at `start`, rather than an interval after it. */
  runAtStart?: boolean;
  /** A run whose work returned a positive count (work found) is followed by another at once. */
  repeatWhileBusy?: boolean;
  /** Runs that fail in a row wait twice as long each time, up to this bound (never less than the interval). */
  maxBackoffMs?: number;
}

/**
 * The one way a process repeats work on a timer (a sweep, a reconciliation, a queue's
 * processor): one run at a time; the next an interval after the last one ended, at once when
 * nudged (new work arrived in this process) or, if asked, while runs find work; a failure
 * logged and left to the next run, with backoff if asked; a stop that waits for the run in
 * progress. The work keeps its state in the database, so a restart or another instance loses
 * nothing. As a Nest provider, it starts and stops with the application.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private again = false;
  private failuresInARow = 0;

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Pick<LoggerService, 'warn'>,
    private readonly options: PeriodicTaskOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.options.runAtStart ? 0 : this.intervalMs);
  }

  /** Runs now, or waits for the run already in progress. */
  run(): Promise<void> {
    this.running ??= this.runOnce();
    return this.running;
  }

  /** New work is waiting: runs now, or right after the run in progress. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Before the database pool closes: the run in progress finishes its transaction. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async runOnce(): Promise<void> {
    this.again = false;
    let foundWork = false;
    try {
      const result = await this.work();
      foundWork = typeof result === 'number' && result > 0;
      this.failuresInARow = 0;
    } catch (error) {
      this.failuresInARow += 1;
      this.logger.warn(`${this.what} failed, will retry: ${String(error)}`);
    } finally {
      this.running = undefined;
    }
    const atOnce = this.again || (foundWork && this.options.repeatWhileBusy === true);
    this.schedule(atOnce ? 0 : this.nextDelayMs());
  }

  private nextDelayMs(): number {
    const { maxBackoffMs } = this.options;
    if (this.failuresInARow === 0 || maxBackoffMs === undefined) return this.intervalMs;
    const backoff = Math.min(maxBackoffMs, this.intervalMs * 2 ** this.failuresInARow);
    return Math.max(this.intervalMs, backoff);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
    this.timer.unref();
  }
}
