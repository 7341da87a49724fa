import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventConsumer } from '@orchard/platform/kafka';

/**
 * Runs a consumer for the life of the application without holding up its start. After a crash
 * the group waits for the dead member's session to expire (30 s) before a new one may join,
 * and the views, a little stale meanwhile, had better be served than not. Readiness tells
 * when it consumes; a start that fails ends the process, as at boot.
 */
export abstract class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private starting?: Promise<void>;

  constructor(private readonly consumer: EventConsumer) {}

  get isRunning(): boolean {
    return this.consumer.isRunning;
  }

  onApplicationBootstrap(): void {
    this.starting = this.consumer.start().catch((error: unknown) => {
      this.logger.error(`${this.consumer.groupId} could not start: ${String(error)}`);
      process.exit(1);
    });
  }

  /** Before the database pool closes: the event in hand finishes its transaction first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
    await this.consumer.stop();
  }
}
