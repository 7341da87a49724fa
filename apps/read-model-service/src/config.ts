import { kafkaEnvironment, loadConfig, serviceEnvironment } from '@orchard/platform/config';
import { redisEnvironment } from '@orchard/platform/redis';
import { z } from 'zod';

export const serviceName = 'read-model-service';

/**
 * A service without a Temporal worker: the platform's settings minus Temporal's, plus Kafka's,
 * and Redis's to announce changed summaries.
 */
export const readModelEnvironment = serviceEnvironment
  .omit({ TEMPORAL_ADDRESS: true, TEMPORAL_NAMESPACE: true })
  .extend(kafkaEnvironment.shape)
  .extend(redisEnvironment.shape)
  .extend({
    /** Where the queries read: DATABASE_URL itself, or a streaming replica of it. */
    READ_DATABASE_URL: z.string().url(),
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
