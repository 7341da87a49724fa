import { z } from 'zod';
import { loadConfig } from '@orchard/platform';

export const gatewayEnvironment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  HOST: z.string().default('127.0.0.1'),
  REDIS_URL: z.string().url(),
  ORDER_SERVICE_URL: z.string().url(),
  PAYMENT_SERVICE_URL: z.string().url(),
  INVENTORY_SERVICE_URL: z.string().url(),
  SHIPPING_SERVICE_URL: z.string().url(),
  /** Queries (orders, a customer's orders, products) are answered from the read models. */
  READ_MODEL_SERVICE_URL: z.string().url(),
  /** How long the gateway waits for a service before answering 503. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type GatewayConfig = z.infer<typeof gatewayEnvironment>;
export const loadGatewayConfig = () => loadConfig(gatewayEnvironment);
