import { host } from '../topology';
import type { BalancedApp } from '../scaled-topology';
import type { AppDefinition } from '../topology';

/** How often HAProxy asks each instance whether it is ready, and how many answers decide. */
export const healthCheck = { intervalMs: 1000, fall: 2, rise: 2 } as const;

/** Where HAProxy listens and finds the instances: natively all on loopback; in compose, by name. */
export interface HaproxyNetwork {
  bindHost: string;
  instanceAddress: (instance: AppDefinition) => string;
  /**
   * A DNS server that names instances (compose's, 127.0.0.11:53): HAProxy starts while some
   * are not up yet and follows an instance to its new address when it is recreated.
   */
  nameserver?: string;
}

export const nativeNetwork: HaproxyNetwork = {
  bindHost: host,
  instanceAddress: (instance) => `${host}:${instance.port}`,
};

/** An instance is checked where it serves its probes: the management port its environment names. */
function managementPortOfInstance(instance: AppDefinition): number {
  const port = Number(instance.env['MANAGEMENT_PORT']);
  if (!Number.isInteger(port)) throw new Error(`${instance.name} names no MANAGEMENT_PORT`);
  return port;
}

const backend =
  (network: HaproxyNetwork) =>
  ({ app, instances }: BalancedApp): string[] => [
    `backend ${app}`,
    // Least connections: a slow instance (a long request, a GC pause, later an open event
    // stream) gets fewer new ones; round-robin would queue behind it.
    '  balance leastconn',
    // The gateways count clients by address (limits, throttles): HAProxy tells them which.
    ...(app === 'gateway' ? ['  option forwardfor'] : []),
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    ...(network.nameserver ? ['  default-server resolvers names init-addr libc,none'] : []),
    ...instances.map(
      (i) =>
        `  server ${i.name} ${network.instanceAddress(i)} check port ${managementPortOfInstance(i)} inter ${healthCheck.intervalMs} fall ${healthCheck.fall} rise ${healthCheck.rise}`,
    ),
    '',
  ];

const frontend =
  (network: HaproxyNetwork) =>
  ({ app, port }: BalancedApp): string[] => [
    `frontend ${app}`,
    `  bind ${network.bindHost}:${port}`,
    `  default_backend ${app}`,
    '',
  ];

/**
 * HAProxy's configuration for the scaled profile: one frontend on each app's usual port, one
 * backend of its instances, checked on /health/ready at their management ports. A request whose connection fails is sent
 * to another instance (`redispatch`); one that reached an instance is never sent twice, since
 * a POST may have had its effect. A stopping HAProxy (SIGUSR1) lets requests in flight finish.
 */
export function haproxyConfig(options: {
  apps: readonly BalancedApp[];
  /** Its runtime API, for draining an instance before it stops. */
  adminSocket: string;
  /** Where its stats page (/stats) and Prometheus metrics (/metrics) are served. */
  statsPort: number;
  network?: HaproxyNetwork;
}): string {
  const { apps, adminSocket, statsPort, network = nativeNetwork } = options;
  return [
    'global',
    '  log stdout format raw local0 info',
    '  maxconn 4096',
    `  stats socket ${adminSocket} mode 600 level admin`,
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  option dontlognull',
    '  option redispatch',
    '  retries 2',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-keep-alive 10s',
    '',
    ...(network.nameserver
      ? ['resolvers names', `  nameserver dns ${network.nameserver}`, '  hold valid 5s', '']
      : []),
    ...apps.flatMap(frontend(network)),
    ...apps.flatMap(backend(network)),
    'frontend stats',
    `  bind ${network.bindHost}:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '  stats refresh 5s',
    '  http-request use-service prometheus-exporter if { path /metrics }',
    '',
  ].join('\n');
}
