import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { statePaths } from '../paths';
import { databaseOwners } from '../database-owners';
import { redisUsers, type RedisUser } from './redis-users';

/** The service callers the stack makes keys for (the platform's `callers`). */
const serviceCallers = ['gateway', 'operator'] as const;
type ServiceCaller = (typeof serviceCallers)[number];

interface ServiceKey {
  signingKey: { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string; kid: ServiceCaller };
  publicKey: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

/** Every credential of one environment, generated on its first start; none is committed. */
export interface StackSecrets {
  serviceKeys: Record<ServiceCaller, ServiceKey>;
  redisPasswords: Record<RedisUser, string>;
  adminPassword: string;
  /** PostgreSQL: each cluster's superuser (the stack's own tools), each owner's application role. */
  postgresPasswords: { superuser: string; apps: Record<string, string> };
  /** Debezium's role in every cluster. */
  cdcPassword: string;
  /** Shared by shipping and its carrier: signs handovers and status updates (Standard Webhooks). */
  carrierWebhookSecret: string;
}

const password = () => randomBytes(24).toString('base64url');

function serviceKey(caller: ServiceCaller): ServiceKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const { x, d } = privateKey.export({ format: 'jwk' });
  if (!x || !d) throw new Error('Ed25519 key export without its parts');
  const publicKey = { kty: 'OKP', crv: 'Ed25519', x } as const;
  return { signingKey: { ...publicKey, d, kid: caller }, publicKey };
}

export function generateSecrets(): StackSecrets {
  return {
    serviceKeys: { gateway: serviceKey('gateway'), operator: serviceKey('operator') },
    redisPasswords: Object.fromEntries(
      Object.keys(redisUsers).map((user) => [user, password()]),
    ) as Record<RedisUser, string>,
    adminPassword: password(),
    postgresPasswords: {
      superuser: password(),
      apps: Object.fromEntries(databaseOwners.map((owner) => [owner, password()])),
    },
    cdcPassword: password(),
    carrierWebhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
  };
}

let loaded: StackSecrets | undefined;

/**
 * This clone's secrets, from `.stack/secrets.json` (readable by its owner only), made on first
 * use. Deleting the file (with the stack stopped) rotates them all.
 */
export function stackSecrets(file = statePaths.secrets): StackSecrets {
  if (loaded) return loaded;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Whole or not at all: another process may be making it at the same moment.
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, `${JSON.stringify(generateSecrets(), null, 2)}\n`, { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StackSecrets;
  // A secret this version needs and the file lacks (an older clone's) is made and kept.
  const fresh = generateSecrets();
  loaded = {
    ...fresh,
    ...stored,
    serviceKeys: { ...fresh.serviceKeys, ...stored.serviceKeys },
    redisPasswords: { ...fresh.redisPasswords, ...stored.redisPasswords },
    postgresPasswords: {
      superuser: stored.postgresPasswords?.superuser ?? fresh.postgresPasswords.superuser,
      apps: { ...fresh.postgresPasswords.apps, ...stored.postgresPasswords?.apps },
    },
  };
  if (JSON.stringify(loaded) !== JSON.stringify(stored))
    writeFileSync(file, `${JSON.stringify(loaded, null, 2)}\n`, { mode: 0o600 });
  return loaded;
}

/** What the services trust: each caller's public key (the SERVICE_TRUSTED_KEYS setting). */
export const trustedKeys = (
  secrets: StackSecrets,
  trusted: readonly ServiceCaller[] = serviceCallers,
): string =>
  JSON.stringify(
    Object.fromEntries(trusted.map((caller) => [caller, secrets.serviceKeys[caller].publicKey])),
  );

/** Values that stand for a secret in topology's environments until a process is started. */
export const secretRef = (name: string) => `\${secret:${name}}`;

/** The environment with each `${secret:…}` replaced by this environment's secret. */
export function resolveSecrets(
  env: Readonly<Record<string, string>>,
  secrets: StackSecrets,
): Record<string, string> {
  const valueOf = (name: string): string => {
    const [kind, subject] = name.split(':') as [string, string | undefined];
    if (kind === 'service-signing-key' && (subject === 'gateway' || subject === 'operator'))
      return JSON.stringify(secrets.serviceKeys[subject].signingKey);
    if (kind === 'service-trusted-keys') return trustedKeys(secrets);
    if (kind === 'redis-password' && subject && subject in secrets.redisPasswords)
      return secrets.redisPasswords[subject as RedisUser];
    if (kind === 'admin-password') return secrets.adminPassword;
    if (kind === 'postgres-superuser-password') return secrets.postgresPasswords.superuser;
    if (kind === 'postgres-password' && subject && subject in secrets.postgresPasswords.apps)
      return secrets.postgresPasswords.apps[subject] as string;
    if (kind === 'cdc-password') return secrets.cdcPassword;
    if (kind === 'carrier-webhook-secret') return secrets.carrierWebhookSecret;
    throw new Error(`no secret named ${name}`);
  };
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\$\{secret:([^}]+)\}/g, (_, name: string) => valueOf(name)),
    ]),
  );
}
