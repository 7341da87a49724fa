/**
 * The scaled profile (`npm start -- --scale`): the same system with every app run as several
 * instances, each on a port of its own, behind HAProxy. HAProxy takes over the apps' usual
 * ports (3000 for the gateway, 3001–3005 for the services), so the URLs people and the gateway
 * use do not change; it balances each over that app's instances. Everything else in the
 * topology is the one of the small profile.
 */
import {
  apps,
  appPorts,
  host,
  managementPortOf,
  postgresUrlOf,
  type AppDefinition,
} from './topology';

export type Profile = 'single' | 'scaled';

/** The profile `ORCHARD_PROFILE` names; the small one unless it says `scaled`. */
export function profileFrom(env: NodeJS.ProcessEnv = process.env): Profile {
  const profile = env['ORCHARD_PROFILE'] ?? 'single';
  if (profile !== 'single' && profile !== 'scaled')
    throw new Error(`ORCHARD_PROFILE is single or scaled, not ${profile}`);
  return profile;
}

export const instancesPerApp = 2;

/** The read models' streaming replica: their queries read there, their writes go to the primary. */
export const readModelReplica = { owner: 'readmodel', port: 5456 } as const;
const replicaUrl = () => postgresUrlOf(readModelReplica.owner, { port: readModelReplica.port });

/** HAProxy's own port: its stats page (/stats) and Prometheus metrics (/metrics). */
export const haproxyStatsPort = 8404;
export const haproxyStatsUrl = `http://${host}:${haproxyStatsPort}`;

/** An app's instance: `order-service` is the first, `order-service-2` the second. */
export const instanceName = (app: string, instance: number) =>
  instance === 1 ? app : `${app}-${instance}`;

/** Instance n of the app usually on `port` (30xx) listens on 31xx, 31(x+1)x, …: 3101, 3111. */
const instancePort = (port: number, instance: number) => port + 100 + 10 * (instance - 1);

const replicaName = `postgres-${readModelReplica.owner}-replica`;

/** What HAProxy balances: the app's usual port, and its instances. */
export interface BalancedApp {
  app: string;
  port: number;
  instances: AppDefinition[];
}

/** The apps of the scaled profile, grouped by the app each instance runs. */
export function balancedApps(): BalancedApp[] {
  const serviceInstances = apps
    .filter((app) => app.port !== appPorts.gateway)
    .flatMap((app) => instancesOf(app, []).map((instance) => instance.name));
  return apps.map((app) => ({
    app: app.name,
    port: app.port,
    // The gateways reach the services through HAProxy, ready once their instances are.
    instances: instancesOf(
      app,
      app.port === appPorts.gateway ? ['haproxy', ...serviceInstances] : [],
    ),
  }));
}

function instancesOf(app: AppDefinition, extraNeeds: readonly string[]): AppDefinition[] {
  return Array.from({ length: instancesPerApp }, (_, i) => {
    const name = instanceName(app.name, i + 1);
    const port = instancePort(app.port, i + 1);
    const needs = app.needs.filter((need) => !apps.some((a) => a.name === need));
    return {
      name,
      port,
      instanceOf: app.name,
      needs: [...needs, ...extraNeeds, ...('READ_DATABASE_URL' in app.env ? [replicaName] : [])],
      env: {
        ...app.env,
        PORT: String(port),
        MANAGEMENT_PORT: String(managementPortOf(port)),
        ...('READ_DATABASE_URL' in app.env ? { READ_DATABASE_URL: replicaUrl() } : {}),
        ...('KAFKA_BROKERS' in app.env ? { KAFKA_BROKERS: scaledKafkaBrokers } : {}),
        // Behind HAProxy, a gateway learns the client's address from X-Forwarded-For, which
        // it believes from HAProxy's address only.
        ...(app.port === appPorts.gateway ? { TRUST_PROXY: 'loopback' } : {}),
        // One service name in traces and metrics; the instance tells them apart.
        OTEL_RESOURCE_ATTRIBUTES: `service.instance.id=${name}`,
      },
    };
  });
}

/** Every app instance of the scaled profile. */
export const scaledApps = (): AppDefinition[] => balancedApps().flatMap((b) => b.instances);

/** One node of the scaled profile's Kafka: broker and KRaft controller in one process. */
export interface KafkaNode {
  id: number;
  /** `kafka` for the first node (the small profile's name), `kafka-2`, `kafka-3`. */
  name: string;
  brokerPort: number;
  controllerPort: number;
}

/**
 * Three combined broker-and-controller nodes: a controller quorum of three survives losing one,
 * and three replicas with `min.insync.replicas=2` keep accepting writes without one. On bigger
 * machines controllers run apart from brokers; on one machine, three JVMs are what fits.
 */
export const kafkaNodes: readonly KafkaNode[] = [1, 2, 3].map((id) => ({
  id,
  name: id === 1 ? 'kafka' : `kafka-${id}`,
  brokerPort: 9092 + 100 * (id - 1),
  controllerPort: 9093 + 100 * (id - 1),
}));

/** Every broker, as clients are given them: any one of them is enough to find the rest. */
export const scaledKafkaBrokers = kafkaNodes.map((n) => `${host}:${n.brokerPort}`).join(',');

/** What a replicated log needs beyond the small profile's settings (server.properties). */
export const replicatedKafkaSettings: Record<string, string> = {
  // A static quorum of the three: every node knows them all from the start.
  'controller.quorum.bootstrap.servers': '',
  'controller.quorum.voters': kafkaNodes
    .map((n) => `${n.id}@${host}:${n.controllerPort}`)
    .join(','),
  'default.replication.factor': '3',
  'min.insync.replicas': '2',
  'offsets.topic.replication.factor': '3',
  'transaction.state.log.replication.factor': '3',
  'transaction.state.log.min.isr': '2',
  'share.coordinator.state.topic.replication.factor': '3',
  'share.coordinator.state.topic.min.isr': '2',
};

/** Connect's internal topics, replicated like everything else. */
export const replicatedConnectSettings: Record<string, string> = {
  'bootstrap.servers': scaledKafkaBrokers,
  'config.storage.replication.factor': '3',
  'offset.storage.replication.factor': '3',
  'status.storage.replication.factor': '3',
};
