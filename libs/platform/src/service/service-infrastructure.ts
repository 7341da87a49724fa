import { join } from 'node:path';
import type { ModuleMetadata } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ServiceEnvironment } from '../config/load-config';
import { Database } from '../database/database';
import { DatabaseModule } from '../database/database.module';
import { HealthModule, type ReadinessCheck } from '../http/health.module';
import { EventConsumer } from '../kafka/event-consumer';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { OutboxMetricsModule } from '../metrics/outbox-metrics';
import { OutboxPruningModule } from '../outbox/outbox-pruning.module';
import { TemporalWorkerHost, type TemporalWorkerOptions } from '../temporal/temporal-worker';
import { TemporalWorkerModule } from '../temporal/temporal-worker.module';

export interface ServiceInfrastructureOptions<Deps extends unknown[]> {
  service: string;
  config: ServiceEnvironment;
  /** The app's root folder (holding `migrations/`); pass `join(__dirname, '..')` from src. */
  appRoot: string;
  /** The Temporal worker: its task queue and the activities built from the app's providers. */
  worker: {
    imports: ModuleMetadata['imports'];
    inject: unknown[];
    taskQueue: string;
    activities: (...deps: Deps) => object;
  } & Pick<TemporalWorkerOptions, 'workflowsPath' | 'tuning'>;
}

/** The replication slot of a service's outbox connector (`slot.name` in its connector file). */
const outboxSlotOf = (service: string) => `${service.replace(/-service$/, '')}_outbox`;

/**
 * How long a published outbox row stays: long enough to look at what a service published in
 * the last hour, short enough that the table holds about an hour of events, whatever the load.
 */
const outboxRetentionMs = 60 * 60_000;

/**
 * What every service process is made of, wired the same way everywhere: JSON logs, metrics, its own
 * migrated database, a Temporal worker for its task queue, and liveness/readiness checks of
 * the database, the worker and, where there is one, the event consumer.
 */
export function serviceInfrastructure<Deps extends unknown[]>(
  options: ServiceInfrastructureOptions<Deps>,
): NonNullable<ModuleMetadata['imports']> {
  const { service, config, worker } = options;
  return [
    LoggingModule.forRoot({ service, level: config.LOG_LEVEL }),
    MetricsModule.forRoot({ service }),
    DatabaseModule.forRoot({
      url: config.DATABASE_URL,
      migrationsDir: join(options.appRoot, 'migrations'),
      applicationName: service,
    }),
    // Each service's outbox connector reads the slot `<owner>_outbox`.
    OutboxMetricsModule.forSlot(outboxSlotOf(service)),
    OutboxPruningModule.forSlot({ slot: outboxSlotOf(service), retentionMs: outboxRetentionMs }),
    TemporalWorkerModule.register({
      imports: worker.imports,
      inject: worker.inject,
      useFactory: (...deps: never[]) => ({
        address: config.TEMPORAL_ADDRESS,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: worker.taskQueue,
        activities: worker.activities(...(deps as unknown as Deps)),
        workflowsPath: worker.workflowsPath,
        tuning: worker.tuning,
      }),
    }),
    HealthModule.forChecks({
      inject: [Database, TemporalWorkerHost, ModuleRef],
      useFactory: (database: Database, host: TemporalWorkerHost, modules: ModuleRef) => [
        { name: 'database', check: async () => void (await database.query('select 1')) },
        {
          name: 'temporal-worker',
          check: async () => {
            if (!host.isRunning) throw new Error('the worker is not polling');
          },
        },
        ...eventConsumerCheck(modules),
      ],
    }),
  ];
}

/** A service that consumes events is ready only while its consumer is in its group. */
function eventConsumerCheck(modules: ModuleRef): ReadinessCheck[] {
  let consumer: EventConsumer;
  try {
    consumer = modules.get(EventConsumer, { strict: false });
  } catch {
    return [];
  }
  return [
    {
      name: 'event-consumer',
      check: async () => {
        if (!consumer.isRunning) throw new Error(`${consumer.groupId} is not consuming`);
      },
    },
  ];
}
