import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths';
import { redisAclRules, redisUsers, type RedisUser } from './redis-users';
import { generateSecrets, trustedKeys, type StackSecrets } from './stack-secrets';

/** Where compose reads its variables from by default: the repository's `.env` (gitignored). */
export const composeEnvFile = join(repoRoot, '.env');

/** An owner's application role's password in compose: `POSTGRES_PASSWORD_ORDER`. */
export const postgresPasswordVariable = (owner: string) =>
  `POSTGRES_PASSWORD_${owner.toUpperCase()}`;

const redisPasswordVariable = (user: RedisUser) =>
  `REDIS_PASSWORD_${user.toUpperCase().replace(/-/g, '_')}`;

/**
 * The compose variable that holds each of topology's secrets (`${secret:name}`): compose files
 * name these, never a value.
 */
export function composeVariableOf(secretName: string): string {
  const [kind, subject] = secretName.split(':');
  if (kind === 'service-signing-key') return `SERVICE_SIGNING_KEY_${(subject ?? '').toUpperCase()}`;
  if (kind === 'service-trusted-keys') return 'SERVICE_TRUSTED_KEYS';
  if (kind === 'admin-password') return 'ADMIN_PASSWORD';
  if (kind === 'carrier-webhook-secret') return 'CARRIER_WEBHOOK_SECRET';
  if (kind === 'postgres-superuser-password') return 'POSTGRES_SUPERUSER_PASSWORD';
  if (kind === 'postgres-password' && subject) return postgresPasswordVariable(subject);
  if (kind === 'cdc-password') return 'CDC_PASSWORD';
  if (kind === 'redis-password' && subject && subject in redisUsers)
    return redisPasswordVariable(subject as RedisUser);
  throw new Error(`no compose variable for the secret ${secretName}`);
}

function composeVariables(
  secrets: StackSecrets,
  trusted: Parameters<typeof trustedKeys>[1],
): Record<string, string> {
  return {
    SERVICE_SIGNING_KEY_GATEWAY: JSON.stringify(secrets.serviceKeys.gateway.signingKey),
    SERVICE_TRUSTED_KEYS: trustedKeys(secrets, trusted),
    ADMIN_PASSWORD: secrets.adminPassword,
    CARRIER_WEBHOOK_SECRET: secrets.carrierWebhookSecret,
    POSTGRES_SUPERUSER_PASSWORD: secrets.postgresPasswords.superuser,
    CDC_PASSWORD: secrets.cdcPassword,
    ...Object.fromEntries(
      Object.entries(secrets.postgresPasswords.apps).map(([owner, password]) => [
        postgresPasswordVariable(owner),
        password,
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(secrets.redisPasswords).map(([user, password]) => [
        redisPasswordVariable(user as RedisUser),
        password,
      ]),
    ),
  };
}

/** Redis's `--user` arguments in compose: the native ACL rules, passwords from variables. */
export const composeRedisUserArguments = (): string[] =>
  redisAclRules((user) => `\${${redisPasswordVariable(user)}}`).flatMap((line) => {
    const [, ...rule] = line.split(' ');
    return ['--user', ...rule];
  });

/** Single quotes: compose takes the JSON keys literally. */
const line = ([name, value]: [string, string]) => `${name}='${value}'`;

/**
 * Writes compose's own secrets to `.env`, readable by its owner only, unless it exists: compose
 * gets credentials of its own, not the native stack's, and keeps them across runs. A secret this
 * version needs and an older `.env` lacks is added to it; the others stay as they are.
 */
export function writeComposeSecrets(file = composeEnvFile): 'written' | 'kept' | 'completed' {
  // The gateway only: a user's compose stack runs no operator's tools, so it keeps no operator key.
  const generated = Object.entries(composeVariables(generateSecrets(), ['gateway']));
  if (existsSync(file)) {
    const present = readFileSync(file, 'utf8');
    const missing = generated.filter(([name]) => !new RegExp(`^${name}=`, 'm').test(present));
    if (missing.length === 0) return 'kept';
    appendFileSync(file, `${present.endsWith('\n') ? '' : '\n'}${missing.map(line).join('\n')}\n`);
    return 'completed';
  }
  writeFileSync(
    file,
    `# compose's generated secrets (npm run stack -- compose-secrets)\n${generated.map(line).join('\n')}\n`,
    { mode: 0o600, flag: 'wx' },
  );
  return 'written';
}

/**
 * The env file of the test stage's compose project: the native stack's own secrets, the
 * operator's key trusted too, so that the same specs and tools reach either stack alike.
 */
export function writeComposeTestSecrets(file: string, secrets: StackSecrets): void {
  const variables = Object.entries(composeVariables(secrets, ['gateway', 'operator']));
  writeFileSync(file, `${variables.map(line).join('\n')}\n`, { mode: 0o600 });
}
