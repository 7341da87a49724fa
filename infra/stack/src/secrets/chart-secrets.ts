import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { stateDir } from '../paths';
import { redisAclRules } from './redis-users';
import { generateSecrets, trustedKeys, type StackSecrets } from './stack-secrets';

/** Where `chart-secrets` writes a release's Secrets: in this clone's state, owner-only. */
export const chartSecretFile = (release = 'orchard') => join(stateDir, `${release}-secrets.yaml`);

/**
 * The Secrets a release of the Helm chart reads, named as its defaults name them
 * (`<release>-secrets`, `<release>-cdc`), with a cluster's own values: keys, passwords, and
 * Redis's ACL file for the cluster's Redis.
 */
export function chartSecret(secrets: StackSecrets, release = 'orchard'): string {
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
      metadata: { name: `${release}-secrets`, labels },
      type: 'Opaque',
      stringData,
    },
    // The role Debezium connects as, in each cluster with an outbox (the chart's cdcSecret).
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${release}-cdc`, labels },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: 'debezium', password: secrets.cdcPassword },
    },
  ]
    .map((secret) => stringify(secret))
    .join('---\n');
}

/** Writes a release's Secrets (fresh values, never the native stack's), unless they exist. */
export function writeChartSecret(
  release = 'orchard',
  file = chartSecretFile(release),
): 'written' | 'kept' {
  if (existsSync(file)) return 'kept';
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, chartSecret(generateSecrets(), release), { mode: 0o600, flag: 'wx' });
  return 'written';
}
