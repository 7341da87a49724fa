import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root: this file runs from infra/stack/dist. */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** Downloads and builds, reused by every clone on the machine; keyed by version below it. */
export const cacheDir = resolve(
  process.env.ORCHARD_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'orchard'),
);

/** State, logs and pids of the running stack: per clone, gitignored. */
export const stateDir = resolve(process.env.ORCHARD_STATE_DIR ?? join(repoRoot, '.stack'));

export const infraDir = join(repoRoot, 'infra');

export const statePaths = {
  /** CPU profiles of the apps started with ORCHARD_CPU_PROFILE. */
  profiles: join(stateDir, 'profiles'),
  data: (component: string) => join(stateDir, 'data', component),
  log: (component: string) => join(stateDir, 'logs', `${component}.log`),
  pid: (component: string) => join(stateDir, 'pids', `${component}.pid`),
  conf: (file: string) => join(stateDir, 'conf', file),
  /** This clone's generated credentials (see secrets/stack-secrets.ts). */
  secrets: join(stateDir, 'secrets.json'),
};
