import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDebianPackages } from '../install/debian';
import { statePaths } from '../paths';
import { balancedApps, haproxyStatsPort, haproxyStatsUrl } from '../scaled-topology';
import type { Component } from './component';
import { haproxyAdminSocket } from './haproxy-runtime';
import { haproxyConfig } from './haproxy-config';
import { waitFor } from '../wait';

/** The scaled profile's load balancer (Debian's haproxy), in front of every app's instances. */
export class HaproxyComponent implements Component {
  readonly name = 'haproxy';
  readonly ports = [
    ...balancedApps().map((b) => ({ port: b.port, purpose: `${b.app} (balanced)` })),
    { port: haproxyStatsPort, purpose: 'HAProxy stats and metrics' },
  ];
  readonly endpoint = `${haproxyStatsUrl}/stats`;
  readonly startupTimeoutMs = 15_000;
  /** A soft stop: it stops listening and lets the requests in flight finish. */
  readonly stopSignal = 'SIGUSR1';

  private readonly configFile = statePaths.conf('haproxy.cfg');
  /** Its runtime API: `set server <app>/<instance> state drain`, `show stat`. */
  get adminSocket(): string {
    return haproxyAdminSocket();
  }

  async install(): Promise<void> {
    await ensureDebianPackages(['haproxy']);
  }

  async launch() {
    mkdirSync(dirname(this.configFile), { recursive: true });
    mkdirSync(dirname(this.adminSocket), { recursive: true });
    const config = haproxyConfig({
      apps: balancedApps(),
      adminSocket: this.adminSocket,
      statsPort: haproxyStatsPort,
    });
    writeFileSync(this.configFile, config);
    // -db: in the foreground, logging to stdout (the stack's log file).
    return { command: '/usr/sbin/haproxy', args: ['-db', '-f', this.configFile] };
  }

  async isHealthy(): Promise<boolean> {
    const response = await fetch(`${haproxyStatsUrl}/metrics`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  }
}

/**
 * Whether HAProxy has every instance of every app in rotation: after they turn ready, it takes
 * `rise` checks to admit them, and a request before that finds no server (503).
 */
export async function everyInstanceInRotation(): Promise<boolean> {
  const response = await fetch(`${haproxyStatsUrl}/metrics`, {
    signal: AbortSignal.timeout(2_000),
  }).catch(() => undefined);
  if (!response?.ok) return false;
  const metrics = await response.text();
  return balancedApps().every(({ app, instances }) => {
    const line = metrics
      .split('\n')
      .find((l) => l.startsWith(`haproxy_backend_active_servers{proxy="${app}"}`));
    return Number(line?.split(' ').at(-1)) === instances.length;
  });
}

/** Waits until HAProxy routes to every instance, as after a start. */
export const untilEveryInstanceInRotation = () =>
  waitFor(everyInstanceInRotation, {
    timeoutMs: 30_000,
    what: 'HAProxy to take every instance into rotation',
  });
