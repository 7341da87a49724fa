/**
 * The native stack's topology: every port, database and credential the infrastructure uses.
 * docker-compose.yml must match it (a test checks), and the apps receive their connection
 * settings from it through the environment variable names in `appEnvironment`.
 */

import { carrierWebhookPath } from '@orchard/contracts';
import { resolveSecrets, secretRef, stackSecrets, type RedisUser } from './secrets';

export const versions = {
  kafka: '4.1.1',
  debezium: '3.4.3.Final',
  temporalCli: '1.5.1',
  /** Jaeger v2.13.0, published to the Go module proxy as v1.76.0 (see infra/jaeger/go.mod). */
  jaegerModule: '1.76.0',
  postgresMajor: '15',
} as const;

export const host = '127.0.0.1';

import { cdcRole, databaseOwners, type DatabaseOwner } from './database-owners';

export { cdcRole };

export { databaseOwners, type DatabaseOwner };

export interface PostgresCluster {
  owner: DatabaseOwner;
  port: number;
  database: string;
  appUser: string;
}

const databaseNames: Record<DatabaseOwner, string> = {
  identity: 'identity',
  order: 'orders',
  payment: 'payments',
  inventory: 'inventory',
  shipping: 'shipping',
  readmodel: 'readmodels',
};

export const postgresClusters: readonly PostgresCluster[] = databaseOwners.map((owner, index) => ({
  owner,
  port: 5441 + index,
  database: databaseNames[owner],
  appUser: `${owner}_app`,
}));

/**
 * Each cluster's superuser, for the stack's own tools and tests: its password is this
 * environment's own (`.stack/secrets.json`), so a local user cannot log in as it.
 */
export const postgresSuperuser = () =>
  ({ user: 'postgres', password: stackSecrets().postgresPasswords.superuser }) as const;
export const cdcUser = () => ({ user: cdcRole, password: stackSecrets().cdcPassword }) as const;

export const ports = {
  redis: 6379,
  kafkaBroker: 9092,
  kafkaController: 9093,
  kafkaConnect: 8083,
  temporalFrontend: 7233,
  temporalUi: 8233,
  jaegerOtlpGrpc: 4317,
  jaegerOtlpHttp: 4318,
  jaegerQuery: 16686,
  jaegerQueryGrpc: 16685,
  jaegerHealth: 13133,
} as const;

/**
 * Ports without access control of their own (Kafka Connect's REST API, Temporal's frontend,
 * Jaeger's collector and APIs): compose keeps them on its network and publishes only the
 * Temporal and Jaeger UIs. Natively everything listens on loopback only.
 */
export const unpublishedInCompose: readonly number[] = [
  ports.kafkaConnect,
  ports.temporalFrontend,
  ports.jaegerOtlpGrpc,
  ports.jaegerOtlpHttp,
  ports.jaegerQueryGrpc,
  ports.jaegerHealth,
];

export function postgresCluster(owner: DatabaseOwner): PostgresCluster {
  const cluster = postgresClusters.find((c) => c.owner === owner);
  if (!cluster) throw new Error(`unknown database owner: ${owner}`);
  return cluster;
}

/**
 * An owner's database as its application role, the password a `${secret:…}` reference that is
 * resolved when a process starts (what the apps' environments hold).
 */
export function postgresUrlOf(
  owner: DatabaseOwner,
  where: { hostName?: string; port?: number; database?: string } = {},
): string {
  const c = postgresCluster(owner);
  const password = secretRef(`postgres-password:${owner}`);
  return `postgres://${c.appUser}:${password}@${where.hostName ?? host}:${where.port ?? c.port}/${where.database ?? c.database}`;
}

/** An owner's database as its application role, with this environment's password (tools, tests). */
export function postgresUrl(
  owner: DatabaseOwner,
  where: { hostName?: string; port?: number; database?: string } = {},
): string {
  return resolveSecrets({ url: postgresUrlOf(owner, where) }, stackSecrets())['url'] ?? '';
}

export const urls = {
  redis: `redis://${host}:${ports.redis}`,
  kafkaBrokers: `${host}:${ports.kafkaBroker}`,
  kafkaConnect: `http://${host}:${ports.kafkaConnect}`,
  temporalAddress: `${host}:${ports.temporalFrontend}`,
  temporalUi: `http://${host}:${ports.temporalUi}`,
  otlpHttp: `http://${host}:${ports.jaegerOtlpHttp}`,
  otlpGrpc: `http://${host}:${ports.jaegerOtlpGrpc}`,
  jaegerQuery: `http://${host}:${ports.jaegerQuery}`,
} as const;

/** The administrator the gateway makes at start; the password is this environment's own. */
export const adminAccount = () => ({
  email: 'admin@orchard.local',
  password: stackSecrets().adminPassword,
});

/** An app's Redis address as its own ACL user; the password is resolved when it starts. */
export const redisUrlFor = (user: RedisUser, hostName: string = host): string =>
  `redis://${user}:${secretRef(`redis-password:${user}`)}@${hostName}:${ports.redis}`;

/** Redis as the operator (tests, tools: its default user), with this environment's password. */
export const operatorRedisUrl = (): string =>
  resolveSecrets({ url: redisUrlFor('default') }, stackSecrets())['url'] ?? '';

/**
 * The connection settings every app reads, by environment variable name. An app's own
 * configuration schema names a subset of these plus its own `DATABASE_URL` and `PORT`.
 */
export const sharedAppEnvironment: Record<string, string> = {
  KAFKA_BROKERS: urls.kafkaBrokers,
  TEMPORAL_ADDRESS: urls.temporalAddress,
  TEMPORAL_NAMESPACE: 'default',
  OTEL_EXPORTER_OTLP_ENDPOINT: urls.otlpHttp,
};

/**
 * What the Kafka Connect worker's environment provides to connector files (`${env:ORDER_DB_HOST}`),
 * so the same connector file registers natively and in compose.
 */
export function connectWorkerEnvironment(
  hostOf: (owner: DatabaseOwner) => string = () => host,
  portOf: (cluster: PostgresCluster) => number = (c) => c.port,
): Record<string, string> {
  const env: Record<string, string> = {
    CDC_DB_USER: cdcRole,
    CDC_DB_PASSWORD: secretRef('cdc-password'),
  };
  for (const cluster of postgresClusters) {
    const prefix = cluster.owner.toUpperCase();
    env[`${prefix}_DB_HOST`] = hostOf(cluster.owner);
    env[`${prefix}_DB_PORT`] = String(portOf(cluster));
    env[`${prefix}_DB_NAME`] = cluster.database;
  }
  return env;
}

/** An application process of the system: its port and the environment it is started with. */
export interface AppDefinition {
  name: string;
  port: number;
  /** Every environment variable the app's configuration schema reads, with its native value. */
  env: Readonly<Record<string, string>>;
  /**
   * What must be healthy before it starts: what it connects to at start, and Jaeger, so the
   * first order's trace is whole. The native stack waits for these and compose's depends_on
   * names exactly these (a test checks).
   */
  needs: readonly string[];
  /** In the scaled profile, the app this is an instance of (its code); else the name is. */
  instanceOf?: string;
}

const logLevel = process.env.ORCHARD_LOG_LEVEL ?? 'info';

/** What a service checks the tokens of its callers with, and remembers them in (replays). */
const serviceAccess = (name: RedisUser) => ({
  SERVICE_TRUSTED_KEYS: secretRef('service-trusted-keys'),
  REDIS_URL: redisUrlFor(name),
});

function serviceApp(
  name: RedisUser,
  port: number,
  owner: DatabaseOwner,
  needs: readonly string[],
  extraEnv: Record<string, string> = {},
): AppDefinition {
  return {
    name,
    port,
    needs: [`postgres-${owner}`, 'temporal', 'jaeger', 'redis', ...needs],
    env: {
      PORT: String(port),
      MANAGEMENT_PORT: String(managementPortOf(port)),
      HOST: host,
      DATABASE_URL: postgresUrlOf(owner),
      TEMPORAL_ADDRESS: urls.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      // Only a service that consumes events reads the brokers.
      ...(needs.includes('kafka') ? { KAFKA_BROKERS: urls.kafkaBrokers } : {}),
      ...serviceAccess(name),
      LOG_LEVEL: logLevel,
      ...extraEnv,
    },
  };
}

export const appPorts = {
  gateway: 3000,
  order: 3001,
  payment: 3002,
  inventory: 3003,
  shipping: 3004,
  readModel: 3005,
  /** Not the shop's: the carrier it hands parcels to, simulated. */
  carrier: 3006,
} as const;
export const appUrl = (port: number) => `http://${host}:${port}`;

/**
 * Where an app serves its probes and /metrics (and nothing else): its port plus 1000, 4000–4005
 * (an instance on 3101 → 4101). The public port never answers them.
 */
export const managementPortOf = (port: number): number => port + 1000;

/** Where an app's spans go, under its own service name (read by the OpenTelemetry SDK). */
function withTelemetry(app: AppDefinition): AppDefinition {
  return {
    ...app,
    env: { ...app.env, OTEL_SERVICE_NAME: app.name, OTEL_EXPORTER_OTLP_ENDPOINT: urls.otlpHttp },
  };
}

/** The apps the stack runs next to the infrastructure; compose must set every variable they read. */
export const apps: readonly AppDefinition[] = (
  [
    // Consumes shipping's events to move orders on.
    serviceApp('order-service', appPorts.order, 'order', ['kafka']),
    // Consumes no events: its outbox is read by Debezium, not by the service.
    serviceApp('payment-service', appPorts.payment, 'payment', []),
    // Reservations take per-SKU stock locks in Redis.
    serviceApp('inventory-service', appPorts.inventory, 'inventory', ['kafka']),
    // Hands parcels to the carrier, which reports their journeys on the gateway's webhook.
    serviceApp('shipping-service', appPorts.shipping, 'shipping', ['kafka'], {
      CARRIER_URL: appUrl(appPorts.carrier),
      CARRIER_WEBHOOK_SECRET: secretRef('carrier-webhook-secret'),
      CARRIER_SILENCE_MS: '10000',
    }),
    {
      // Consumes events, takes part in no saga; runs the sales reports' jobs on Temporal.
      name: 'read-model-service',
      port: appPorts.readModel,
      needs: ['postgres-readmodel', 'kafka', 'redis', 'temporal', 'jaeger'],
      env: {
        PORT: String(appPorts.readModel),
        MANAGEMENT_PORT: String(managementPortOf(appPorts.readModel)),
        HOST: host,
        DATABASE_URL: postgresUrlOf('readmodel'),
        // Where the queries read: the primary here, a streaming replica when scaled.
        READ_DATABASE_URL: postgresUrlOf('readmodel'),
        KAFKA_BROKERS: urls.kafkaBrokers,
        TEMPORAL_ADDRESS: urls.temporalAddress,
        TEMPORAL_NAMESPACE: 'default',
        // Local development: partners' test receivers listen on loopback, and a failing
        // delivery is parked after 20 s rather than a day.
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        WEBHOOK_RETRY_FOR_MS: '20000',
        ...serviceAccess('read-model-service'),
        LOG_LEVEL: logLevel,
      },
    },
    {
      name: 'gateway',
      port: appPorts.gateway,
      // The services answer its first requests.
      needs: [
        'postgres-identity',
        'redis',
        'jaeger',
        'order-service',
        'payment-service',
        'inventory-service',
        'shipping-service',
        'read-model-service',
      ],
      env: {
        PORT: String(appPorts.gateway),
        MANAGEMENT_PORT: String(managementPortOf(appPorts.gateway)),
        HOST: host,
        REDIS_URL: redisUrlFor('gateway'),
        ORDER_SERVICE_URL: appUrl(appPorts.order),
        PAYMENT_SERVICE_URL: appUrl(appPorts.payment),
        INVENTORY_SERVICE_URL: appUrl(appPorts.inventory),
        SHIPPING_SERVICE_URL: appUrl(appPorts.shipping),
        READ_MODEL_SERVICE_URL: appUrl(appPorts.readModel),
        SERVICE_SIGNING_KEY: secretRef('service-signing-key:gateway'),
        DATABASE_URL: postgresUrlOf('identity'),
        ADMIN_EMAIL: 'admin@orchard.local',
        ADMIN_PASSWORD: secretRef('admin-password'),
        // The public edge: callers' trace context is not believed.
        TRACE_INCOMING_CONTEXT: 'ignore',
        SESSION_IDLE_SECONDS: '1800',
        SESSION_ABSOLUTE_SECONDS: '43200',
        UPSTREAM_TIMEOUT_MS: '5000',
        // The console's trace view reads Jaeger's API (the native Jaeger has no UI to link to).
        TRACE_QUERY_URL: urls.jaegerQuery,
        TEMPORAL_UI_URL: `${urls.temporalUi}/namespaces/default`,
        // Generous: tests and benchmarks drive the shop hard from one address.
        RATE_LIMIT_MAX: '100000',
        RATE_LIMIT_WINDOW_MS: '1000',
        RATE_LIMIT_IP_MAX: '100000',
        // Per account as in production; per address as generous as the rate limits (above).
        LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '5',
        LOGIN_FAILURES_PER_ACCOUNT: '100',
        LOGIN_FAILURES_PER_ADDRESS: '100000',
        SIGNUPS_PER_ACCOUNT: '3',
        SIGNUPS_PER_ADDRESS: '100000',
        LOG_LEVEL: logLevel,
      },
    },
  ] satisfies AppDefinition[]
).map(withTelemetry);

export const gatewayUrl = appUrl(appPorts.gateway);

/**
 * An outside party, not one of the shop's apps: the carrier, simulated, in a process of its own.
 * It takes the parcels shipping hands over and reports their journeys to the gateway's webhook,
 * out of order and twice at times, as real carriers do. Natively and in compose it runs beside
 * the shop; a cluster talks to a real carrier instead (the chart's CARRIER_URL).
 */
export const carrierSimulator: AppDefinition = {
  name: 'carrier-simulator',
  port: appPorts.carrier,
  // It retries what it sends until the shop answers, so it waits for nothing.
  needs: [],
  env: {
    PORT: String(appPorts.carrier),
    MANAGEMENT_PORT: String(managementPortOf(appPorts.carrier)),
    HOST: host,
    CARRIER_WEBHOOK_URL: `${gatewayUrl}${carrierWebhookPath}`,
    CARRIER_WEBHOOK_SECRET: secretRef('carrier-webhook-secret'),
    CARRIER_DELIVERY_DELAY_MS: '2000',
    CARRIER_FAILED_DELIVERY_RATE: '0.2',
    CARRIER_DUPLICATE_RATE: '0.2',
    CARRIER_REORDER_RATE: '0.2',
    LOG_LEVEL: logLevel,
  },
};
