/**
 * The native stack's topology: every port, database and credential the infrastructure uses.
 * docker-compose.yml must match it (a test checks), and the apps receive their connection
 * settings from it through the environment variable names in `appEnvironment`.
 */

export const versions = {
  kafka: '4.1.1',
  debezium: '3.4.3.Final',
  temporalCli: '1.5.1',
  /** Jaeger v2.13.0, published to the Go module proxy as v1.76.0 (see infra/jaeger/go.mod). */
  jaegerModule: '1.76.0',
  postgresMajor: '15',
} as const;

export const host = '127.0.0.1';

/** The owners of a PostgreSQL cluster each: one per service, plus read models and identity. */
export const databaseOwners = [
  'identity',
  'order',
  'payment',
  'inventory',
  'shipping',
  'readmodel',
] as const;
export type DatabaseOwner = (typeof databaseOwners)[number];

export interface PostgresCluster {
  owner: DatabaseOwner;
  port: number;
  database: string;
  appUser: string;
  appPassword: string;
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
  appPassword: `${owner}_app`,
}));

export const postgresSuperuser = { user: 'postgres', password: 'postgres' } as const;
/** The role Debezium connects as: REPLICATION plus read access to the owner's tables. */
export const cdcUser = { user: 'debezium', password: 'debezium' } as const;

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

export function postgresCluster(owner: DatabaseOwner): PostgresCluster {
  const cluster = postgresClusters.find((c) => c.owner === owner);
  if (!cluster) throw new Error(`unknown database owner: ${owner}`);
  return cluster;
}

export function postgresUrl(owner: DatabaseOwner, hostName: string = host): string {
  const c = postgresCluster(owner);
  return `postgres://${c.appUser}:${c.appPassword}@${hostName}:${c.port}/${c.database}`;
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

/**
 * What the gateway signs its calls to the services with. A local default, like the database
 * passwords above; a deployment sets its own.
 */
export const serviceCredentialSecret = 'orchard-local-service-credential-secret';

/** The administrator the gateway makes at start (a local default, like the passwords above). */
export const adminAccount = { email: 'admin@orchard.local', password: 'orchard-admin-password' };

/**
 * The connection settings every app reads, by environment variable name. An app's own
 * configuration schema names a subset of these plus its own `DATABASE_URL` and `PORT`.
 */
export const sharedAppEnvironment: Record<string, string> = {
  SERVICE_CREDENTIAL_SECRET: serviceCredentialSecret,
  REDIS_URL: urls.redis,
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
    CDC_DB_USER: cdcUser.user,
    CDC_DB_PASSWORD: cdcUser.password,
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

function serviceApp(
  name: string,
  port: number,
  owner: DatabaseOwner,
  needs: readonly string[],
  extraEnv: Record<string, string> = {},
): AppDefinition {
  return {
    name,
    port,
    needs: [`postgres-${owner}`, 'temporal', 'jaeger', ...needs],
    env: {
      PORT: String(port),
      HOST: host,
      DATABASE_URL: postgresUrl(owner),
      TEMPORAL_ADDRESS: urls.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      KAFKA_BROKERS: urls.kafkaBrokers,
      SERVICE_CREDENTIAL_SECRET: serviceCredentialSecret,
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
} as const;
export const appUrl = (port: number) => `http://${host}:${port}`;

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
    serviceApp('inventory-service', appPorts.inventory, 'inventory', ['kafka', 'redis'], {
      REDIS_URL: urls.redis,
    }),
    serviceApp('shipping-service', appPorts.shipping, 'shipping', ['kafka']),
    {
      // Consumes events, takes part in no saga: no Temporal settings.
      name: 'read-model-service',
      port: appPorts.readModel,
      needs: ['postgres-readmodel', 'kafka', 'redis', 'jaeger'],
      env: {
        PORT: String(appPorts.readModel),
        HOST: host,
        DATABASE_URL: postgresUrl('readmodel'),
        // Where the queries read: the primary here, a streaming replica when scaled.
        READ_DATABASE_URL: postgresUrl('readmodel'),
        KAFKA_BROKERS: urls.kafkaBrokers,
        REDIS_URL: urls.redis,
        SERVICE_CREDENTIAL_SECRET: serviceCredentialSecret,
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
        HOST: host,
        REDIS_URL: urls.redis,
        ORDER_SERVICE_URL: appUrl(appPorts.order),
        PAYMENT_SERVICE_URL: appUrl(appPorts.payment),
        INVENTORY_SERVICE_URL: appUrl(appPorts.inventory),
        SHIPPING_SERVICE_URL: appUrl(appPorts.shipping),
        READ_MODEL_SERVICE_URL: appUrl(appPorts.readModel),
        SERVICE_CREDENTIAL_SECRET: serviceCredentialSecret,
        DATABASE_URL: postgresUrl('identity'),
        ADMIN_EMAIL: adminAccount.email,
        ADMIN_PASSWORD: adminAccount.password,
        SESSION_IDLE_SECONDS: '1800',
        UPSTREAM_TIMEOUT_MS: '5000',
        // Generous: tests and benchmarks drive the shop hard from one address.
        RATE_LIMIT_MAX: '100000',
        RATE_LIMIT_WINDOW_MS: '1000',
        RATE_LIMIT_IP_MAX: '100000',
        LOG_LEVEL: logLevel,
      },
    },
  ] satisfies AppDefinition[]
).map(withTelemetry);

export const gatewayUrl = appUrl(appPorts.gateway);
