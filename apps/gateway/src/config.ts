import { z } from 'zod';
import { loadConfig } from '@orchard/platform/config';
import { redisEnvironment } from '@orchard/platform/redis';
import { signingKeySetting } from '@orchard/platform/service-auth';

export const gatewayEnvironment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  /** Probes and /metrics, for the platform only; the public port never answers them. */
  MANAGEMENT_PORT: z.coerce.number().int().min(1).max(65535),
  /** The public edge: callers' trace context is ignored (read by the telemetry at start). */
  TRACE_INCOMING_CONTEXT: z.literal('ignore', { error: 'ignore: the gateway is the public edge' }),
  HOST: z.string().default('127.0.0.1'),
  ...redisEnvironment.shape,
  /** The identity database: accounts and their password hashes. */
  DATABASE_URL: z.string().url(),
  /** The gateway's private key (a JWK, `kid` "gateway"): it signs a token for each call to a service. */
  SERVICE_SIGNING_KEY: signingKeySetting,
  /** A session unused for this long expires. */
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1_800),
  /** A session ends this long after its login, however busy: a stolen one does not live on. */
  SESSION_ABSOLUTE_SECONDS: z.coerce.number().int().min(10).max(2_592_000).default(43_200),
  /**
   * Failed logins counted (over 15 min) before each further try waits a doubling time: per
   * account and address together (low: guessing from one place is slow), per account from all
   * addresses (higher: a stranger alone cannot lock the owner out, a spread-out campaign still
   * waits), per address at all accounts. Sign-ups likewise, per account and per address.
   */
  LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: z.coerce.number().int().min(1).default(5),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  SIGNUPS_PER_ACCOUNT: z.coerce.number().int().min(1).default(3),
  /** Order event streams one session may hold open at once (a few tabs). */
  ORDER_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(100).default(5),
  SIGNUPS_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
  /** The administrator's account, made or reset at start; without them there is no admin. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12).max(128).optional(),
  ORDER_SERVICE_URL: z.string().url(),
  PAYMENT_SERVICE_URL: z.string().url(),
  INVENTORY_SERVICE_URL: z.string().url(),
  SHIPPING_SERVICE_URL: z.string().url(),
  /** Queries (orders, a customer's orders, products) are answered from the read models. */
  READ_MODEL_SERVICE_URL: z.string().url(),
  /**
   * The longest the gateway keeps a copy of an order summary. The read model announces each
   * change, so this bounds only the staleness after a lost announcement.
   */
  ORDER_COPY_TTL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Where the built storefront and console are (apps/web/dist); the default finds them. */
  WEB_ROOT: z.string().optional(),
  /** Jaeger's query API, which the console's trace view reads; without it there is none. */
  TRACE_QUERY_URL: z.string().url().optional(),
  /** Jaeger's own UI, linked from the trace view (`<url>/trace/<id>`), where one is deployed. */
  TRACE_UI_URL: z.string().url().optional(),
  /** A Temporal namespace in Temporal's UI, linked per order (`<url>/workflows/<id>`). */
  TEMPORAL_UI_URL: z.string().url().optional(),
  /** How long the gateway waits for a service before answering 503. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Requests one client (its session, else its IP address) may make per window. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Requests one IP address may make per window across all the sessions it presents. */
  RATE_LIMIT_IP_MAX: z.coerce.number().int().min(1).default(3_000),
  /**
   * Behind a TLS-terminating proxy: `true`, a hop count, or the proxies' addresses/CIDRs,
   * comma-separated. Then rate limits see the client's address and cookies get `Secure`.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value): boolean | number | string[] => {
      if (value === undefined || value === '' || value === 'false') return false;
      if (value === 'true') return true;
      if (/^\d+$/.test(value)) return Number(value);
      return value.split(',').map((proxy) => proxy.trim());
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type GatewayConfig = z.infer<typeof gatewayEnvironment>;
export const loadGatewayConfig = () => loadConfig(gatewayEnvironment);
