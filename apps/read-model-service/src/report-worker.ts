// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import { Database } from '@orchard/platform/database';
import { runMain } from '@orchard/platform/process';
import { TemporalWorkerHost } from '@orchard/platform/temporal';
import { loadReportWorkerConfig } from './config';
import { salesReportWorker } from './reports/sales-report-worker';

/**
 * A sales report worker alone: no port, no views, no consumer. Start more of these to share a
 * big report's map and reduce tasks (each polls the same queue as the service's own worker).
 * It stops on SIGTERM once its running tasks finish; killed outright, its tasks time out on
 * their heartbeats and another worker runs them again.
 */
runMain(async () => {
  const config = loadReportWorkerConfig();
  const database = new Database(config.DATABASE_URL, {
    max: config.SALES_REPORT_CONCURRENCY + 1,
    applicationName: 'sales-report-worker',
  });
  const worker = new TemporalWorkerHost({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    ...salesReportWorker(database, {
      taskQueue: config.SALES_REPORT_TASK_QUEUE,
      concurrency: config.SALES_REPORT_CONCURRENCY,
    }),
  });
  await worker.onApplicationBootstrap();
  const stop = async () => {
    await worker.onApplicationShutdown();
    await database.pool.end();
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
});
