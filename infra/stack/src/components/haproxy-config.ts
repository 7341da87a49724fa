import { host } from '../topology';
import type { BalancedApp } from '../scaled-topology';

/** How often HAProxy asks each instance whether it is ready, and how many answers decide. */
export const healthCheck = { intervalMs: 1000, fall: 2, rise: 2 } as const;

function backend({ app, instances }: BalancedApp): string[] {
  return [
    `backend ${app}`,
    // Least connections: a slow instance (a long request, a GC pause, later an open event
    // stream) gets fewer new ones; round-robin would queue behind it.
    '  balance leastconn',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    ...instances.map(
      (i) =>
        `  server ${i.name} ${host}:${i.port} check inter ${healthCheck.intervalMs} fall ${healthCheck.fall} rise ${healthCheck.rise}`,
    ),
    '',
  ];
}

function frontend({ app, port }: BalancedApp): string[] {
  return [`frontend ${app}`, `  bind ${host}:${port}`, `  default_backend ${app}`, ''];
}

/**
 * HAProxy's configuration for the scaled profile: one frontend on each app's usual port, one
 * backend of its instances, checked on /health/ready. A request whose connection fails is sent
 * to another instance (`redispatch`); one that reached an instance is never sent twice, since
 * a POST may have had its effect. A stopping HAProxy (SIGUSR1) lets requests in flight finish.
 */
export function haproxyConfig(options: {
  apps: readonly BalancedApp[];
  /** Its runtime API, for draining an instance before it stops. */
  adminSocket: string;
  /** Where its stats page (/stats) and Prometheus metrics (/metrics) are served. */
  statsPort: number;
}): string {
  const { apps, adminSocket, statsPort } = options;
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
    ...apps.flatMap(frontend),
    ...apps.flatMap(backend),
    'frontend stats',
    `  bind ${host}:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '  stats refresh 5s',
    '  http-request use-service prometheus-exporter if { path /metrics }',
    '',
  ].join('\n');
}
