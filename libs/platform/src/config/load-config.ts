import { z } from 'zod';
import { redisEnvironment } from '../redis/redis-environment';
import { trustedKeysSetting } from '../service-auth/service-keys';
import { developmentModeVariable, settingsWithKnownDefaults } from './known-defaults';

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
  const names = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const published = settingsWithKnownDefaults(names, env);
  if (result.success && published.length === 0) return result.data;
  const problems = [
    ...(result.success ? [] : result.error.issues).map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    ),
    ...published.map(
      (name) =>
        `${name}: a secret published in the repository (allowed only with ${developmentModeVariable}=true)`,
    ),
  ];
  throw new ConfigurationError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** Settings every service process reads. */
export const serviceEnvironment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  /** Probes and /metrics, for the platform only; the public port never answers them. */
  MANAGEMENT_PORT: z.coerce.number().int().min(1).max(65535),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The callers a service answers and their public keys; tokens signed otherwise are refused. */
  SERVICE_TRUSTED_KEYS: trustedKeysSetting,
  /** Where accepted service tokens are remembered, so none is accepted twice. */
  ...redisEnvironment.shape,
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
