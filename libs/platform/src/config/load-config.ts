import { z } from 'zod';

export class ConfigurationError extends Error {}

/**
 * Reads and validates configuration once, at start. A missing or malformed setting fails the
 * start naming every variable at fault, never later at first use.
 */
export function loadConfig<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigurationError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** Settings every service process reads. */
export const serviceEnvironment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests without a fresh credential signed with it are refused: services answer the gateway only. */
  SERVICE_CREDENTIAL_SECRET: z.string().min(32, 'at least 32 characters'),
});
export type ServiceEnvironment = z.infer<typeof serviceEnvironment>;

/**
 * Settings of a process that consumes events, opt-in: `serviceEnvironment.extend(kafkaEnvironment.shape)`.
 * KAFKA_BROKERS is a comma-separated `host:port` list, read as an array.
 */
export const kafkaEnvironment = z.object({
  KAFKA_BROKERS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker !== ''),
    )
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'a host:port')).min(1, 'a broker')),
});
export type KafkaEnvironment = z.infer<typeof kafkaEnvironment>;

/** The variable names a schema reads: what docker-compose and the native stack must set. */
export function environmentVariableNames(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}
