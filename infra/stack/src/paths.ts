import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
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

/**
 * Where the stack's UNIX sockets live: a short folder of this clone's own, whatever the
 * clone's path. A socket's path is bounded (108 bytes by the kernel, 97 characters in HAProxy's
 * configuration): under a clone at a long path, `.stack/` would pass the bound, and HAProxy
 * would refuse its configuration and exit at once.
 */
export function socketPath(name: string, state: string = stateDir): string {
  const dir = join(
    tmpdir(),
    `orchard-${createHash('sha256').update(state).digest('hex').slice(0, 12)}`,
  );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A folder someone else made first (its name is predictable) is not ours to use.
  const owner = statSync(dir).uid;
  if (process.getuid && owner !== process.getuid())
    throw new Error(`${dir} belongs to another user (uid ${owner}); remove it`);
  chmodSync(dir, 0o700);
  return join(dir, name);
}

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

/**
 * Only this clone's owner reads the stack's logs (they name orders and customers), its
 * configuration and secrets, and what processes it starts create (umask 077). The state folder
 * and the data folder stay traversable (0711, never listable) for PostgreSQL, which runs as its
 * own user when the stack runs as root and keeps its data in a 0700 folder of its own.
 */
let statePrivate = false;

export function keepStatePrivate(): void {
  // Once per process: every process the stack starts calls it, the folders need it once.
  if (statePrivate) return;
  statePrivate = true;
  process.umask(0o077);
  for (const [dir, mode] of [
    [stateDir, 0o711],
    [join(stateDir, 'data'), 0o711],
    [join(stateDir, 'logs'), 0o700],
    [join(stateDir, 'pids'), 0o700],
    [join(stateDir, 'conf'), 0o700],
    [statePaths.profiles, 0o700],
  ] as const) {
    mkdirSync(dir, { recursive: true, mode });
    chmodSync(dir, mode);
  }
  // What an older version left readable (umask applies to new files only).
  for (const log of readdirSync(join(stateDir, 'logs')))
    chmodSync(join(stateDir, 'logs', log), 0o600);
  for (const data of readdirSync(join(stateDir, 'data')))
    chmodSync(join(stateDir, 'data', data), 0o700);
}
