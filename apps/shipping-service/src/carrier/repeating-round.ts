import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';

const maxBackoffMs = 10_000;

/**
 * Work done in rounds: every `intervalMs`, and at once when nudged (new work has arrived in
 * this process). One round at a time; a nudge during a round runs another right after it. The
 * work keeps its state in the database, so a restart or a second instance loses nothing.
 */
export class RepeatingRound implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private again = false;
  private stopped = true;
  private failures = 0;

  constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<number>,
  ) {
    this.logger = new Logger(name);
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Before the database pool closes: the round in progress finishes its transaction. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  nudge(): void {
    if (this.stopped) return;
    if (this.round) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  private run(): void {
    this.again = false;
    this.round = this.work()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        this.failures++;
        this.logger.warn(`round failed, will retry: ${String(error)}`);
      })
      .finally(() => {
        this.round = undefined;
        this.schedule(this.again ? 0 : this.nextDelayMs());
      });
  }

  /** Rounds that fail in a row (what they need is down) back off, to 10 s at most. */
  private nextDelayMs(): number {
    if (this.failures === 0) return this.intervalMs;
    return Math.min(maxBackoffMs, this.intervalMs * 2 ** this.failures);
  }
}
