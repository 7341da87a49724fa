/**
 * Secrets this repository has ever published. A process refuses to start with one of them in
 * any setting unless it runs in explicit development mode: a copied example must never become
 * a deployment's credential. The native stack and compose generate their own.
 */
export const knownDefaultSecrets: readonly string[] = [
  'orchard-local-service-credential-secret',
  'orchard-admin-password',
];

/** `ORCHARD_DEVELOPMENT_MODE=true` lets a process start with a published secret. */
export const developmentModeVariable = 'ORCHARD_DEVELOPMENT_MODE';

/** The variables (of those read) whose value contains a published secret. */
export function settingsWithKnownDefaults(
  names: readonly string[],
  env: NodeJS.ProcessEnv,
): string[] {
  if (env[developmentModeVariable] === 'true') return [];
  return names.filter((name) => knownDefaultSecrets.some((secret) => env[name]?.includes(secret)));
}
