import { salesReportTaskQueue } from '@orchard/contracts/reports';
import { kafkaEnvironment, loadConfig, serviceEnvironment } from '@orchard/platform/config';
import { redisEnvironment } from '@orchard/platform/redis';
import { z } from 'zod';

export const serviceName = 'read-model-service';

/**
 * The platform's settings (Temporal's for the sales reports' worker), plus Kafka's, and Redis's
 * to announce changed summaries.
 */
export const readModelEnvironment = serviceEnvironment
  .extend(kafkaEnvironment.shape)
  .extend(redisEnvironment.shape)
  .extend({
    /** Where the queries read: DATABASE_URL itself, or a streaming replica of it. */
    READ_DATABASE_URL: z.string().url(),
    /**
     * Whether webhook deliveries may reach private, loopback and link-local addresses: for
     * local development only (the native stack's receivers listen on loopback). Off, they are
     * refused, so a registered URL cannot reach inside the network (SSRF).
     */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).transform((value) => value === 'true'),
    /** How long a failing delivery is retried before it is parked for an operator. */
    WEBHOOK_RETRY_FOR_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(7 * 86_400_000),
  });
export type ReadModelConfig = ReturnType<typeof loadReadModelConfig>;
export const loadReadModelConfig = () => loadConfig(readModelEnvironment);

/** The rebuild command needs the database and the brokers, not a port. */
export const rebuildEnvironment = readModelEnvironment.pick({
  DATABASE_URL: true,
  KAFKA_BROKERS: true,
  LOG_LEVEL: true,
});
export type RebuildConfig = ReturnType<typeof loadRebuildConfig>;
export const loadRebuildConfig = () => loadConfig(rebuildEnvironment);

/** A report worker of its own (`dist/report-worker.js`): the database and Temporal, no port. */
export const reportWorkerEnvironment = serviceEnvironment
  .pick({ DATABASE_URL: true, TEMPORAL_ADDRESS: true, TEMPORAL_NAMESPACE: true, LOG_LEVEL: true })
  .extend({
    /** The queue to poll: the service's own unless a job is run apart (as its spec does). */
    SALES_REPORT_TASK_QUEUE: z.string().min(1).default(salesReportTaskQueue),
    /** Tasks run at once: add workers rather than raise this past the database's cores. */
    SALES_REPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  });
export type ReportWorkerConfig = ReturnType<typeof loadReportWorkerConfig>;
export const loadReportWorkerConfig = () => loadConfig(reportWorkerEnvironment);
