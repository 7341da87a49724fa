import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyConfig } from './components/haproxy-config';
import { infraDir } from './paths';
import { balancedApps, haproxyStatsPort } from './scaled-topology';

/** The scaled compose profile's HAProxy configuration, mounted by docker-compose.scaled.yml. */
export const composeHaproxyConfigFile = join(infraDir, 'haproxy', 'haproxy.compose.cfg');

/**
 * The native configuration with compose's addresses: HAProxy listens on every interface of its
 * container and finds each instance by its service name, on the instance's own port.
 */
export const composeHaproxyConfig = () =>
  [
    '# Written by `npm run stack -- compose-haproxy` from infra/stack/src/components/haproxy-config.ts;',
    '# infra/stack/src/compose.spec.ts fails when it differs.',
    haproxyConfig({
      apps: balancedApps(),
      adminSocket: '/tmp/haproxy-admin.sock',
      statsPort: haproxyStatsPort,
      network: {
        bindHost: '0.0.0.0',
        instanceAddress: (instance) => `${instance.name}:${instance.port}`,
        nameserver: '127.0.0.11:53',
      },
    }),
  ].join('\n');

export function writeComposeHaproxyConfig(): void {
  writeFileSync(composeHaproxyConfigFile, composeHaproxyConfig());
}
