import {
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter } from 'prom-client';
import { Database } from '../database/database';
import { PeriodicTask } from '../service/periodic-task';
import { OutboxPruner, type OutboxPrunerOptions } from './outbox-pruner';

const pruned = new Counter({
  name: 'orchard_outbox_pruned_rows_total',
  help: 'Outbox rows deleted after their connector confirmed them and their retention passed.',
});

/** Runs the service's OutboxPruner once a minute for the life of the application. */
class OutboxPruning implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly intervalMs = 60_000;
  private readonly logger = new Logger(OutboxPruning.name);
  private readonly task: PeriodicTask;

  constructor(pruner: OutboxPruner) {
    this.task = new PeriodicTask(
      'outbox pruning',
      OutboxPruning.intervalMs,
      async () => pruned.inc(await pruner.prune()),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}

/** Keeps the outbox of a service whose connector reads `slot` bounded (see OutboxPruner). */
@Module({})
export class OutboxPruningModule {
  static forSlot(options: OutboxPrunerOptions): DynamicModule {
    return {
      module: OutboxPruningModule,
      providers: [
        {
          provide: OutboxPruner,
          inject: [Database],
          useFactory: (database: Database) => new OutboxPruner(database, options),
        },
        {
          provide: OutboxPruning,
          inject: [OutboxPruner],
          useFactory: (pruner: OutboxPruner) => new OutboxPruning(pruner),
        },
      ],
      exports: [OutboxPruner],
    };
  }
}
