import { join } from 'node:path';
import type { ModuleMetadata } from '@nestjs/common';
import type { ServiceEnvironment } from '../config/load-config';
import { Database } from '../database/database';
import { DatabaseModule } from '../database/database.module';
import { HealthModule } from '../http/health.module';
import { LoggingModule } from '../logging/logging.module';
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

/**
 * What every service process is made of, wired the same way everywhere: JSON logs, its own
 * migrated database, a Temporal worker for its task queue, and liveness/readiness checks of
 * the database and the worker.
 */
export function serviceInfrastructure<Deps extends unknown[]>(
  options: ServiceInfrastructureOptions<Deps>,
): NonNullable<ModuleMetadata['imports']> {
  const { service, config, worker } = options;
  return [
    LoggingModule.forRoot({ service, level: config.LOG_LEVEL }),
    DatabaseModule.forRoot({
      url: config.DATABASE_URL,
      migrationsDir: join(options.appRoot, 'migrations'),
      applicationName: service,
    }),
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
      inject: [Database, TemporalWorkerHost],
      useFactory: (database: Database, host: TemporalWorkerHost) => [
        { name: 'database', check: async () => void (await database.query('select 1')) },
        {
          name: 'temporal-worker',
          check: async () => {
            if (!host.isRunning) throw new Error('the worker is not polling');
          },
        },
      ],
    }),
  ];
}
