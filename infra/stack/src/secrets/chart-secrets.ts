import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { stateDir } from '../paths';
import { cdcRole } from '../database-owners';
import { redisAclRules } from './redis-users';
import { generateSecrets, trustedKeys, type StackSecrets } from './stack-secrets';

/** Where `chart-secrets` writes a release's Secrets: in this clone's state, owner-only. */
export const chartSecretFile = (release: string) => join(stateDir, `${release}-secrets.yaml`);

/** A release of the chart, as `chart-secrets` is told of it. */
export interface ChartRelease {
  name: string;
  /** The chart's `engines.cdcRole`: CloudNativePG adopts the role only from a Secret of its name. */
  cdcRole: string;
}

export const defaultChartRelease: ChartRelease = { name: 'orchard', cdcRole };

/**
 * The Secrets a release of the Helm chart reads, named as its defaults name them
 * (`<release>-secrets`, `<release>-cdc`), with a cluster's own values: keys, passwords, and
 * Redis's ACL file for the cluster's Redis.
 */
export function chartSecret(
  secrets: StackSecrets,
  release: ChartRelease = defaultChartRelease,
): string {
  const stringData: Record<string, string> = {
    'service-signing-key-gateway': JSON.stringify(secrets.serviceKeys.gateway.signingKey),
    // The gateway only: a cluster runs no operator's tools against the services.
    'service-trusted-keys': trustedKeys(secrets, ['gateway']),
    'admin-password': secrets.adminPassword,
    // Shipping's, shared with the carrier the shop has an account with (its own in production).
    'carrier-webhook-secret': secrets.carrierWebhookSecret,
    'redis-users.acl': `${redisAclRules((user) => secrets.redisPasswords[user]).join('\n')}\n`,
  };
  for (const [user, password] of Object.entries(secrets.redisPasswords))
    stringData[`redis-password-${user}`] = password;
  const labels = { 'app.kubernetes.io/part-of': 'orchard' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${release.name}-secrets`, labels },
      type: 'Opaque',
      stringData,
    },
    // The role Debezium connects as, in each cluster with an outbox (the chart's cdcSecret).
    // The operator refuses a Secret whose username is not the role's name
    // (internal/management/controller/roles/runnable.go).
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${release.name}-cdc`, labels },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: release.cdcRole, password: secrets.cdcPassword },
    },
  ]
    .map((secret) => stringify(secret))
    .join('---\n');
}

/** Writes a release's Secrets (fresh values, never the native stack's), unless they exist. */
export function writeChartSecret(
  release: ChartRelease = defaultChartRelease,
  file = chartSecretFile(release.name),
): 'written' | 'kept' {
  if (existsSync(file)) return 'kept';
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, chartSecret(generateSecrets(), release), { mode: 0o600, flag: 'wx' });
  return 'written';
}
