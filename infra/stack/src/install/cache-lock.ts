import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { cacheDir } from '../paths';

/**
 * Runs `work` holding the machine-wide lock `name` in the cache, waiting for whoever holds it:
 * the tests build what later stages need in a process of their own while specs install what
 * they need, and two installs of one thing must never meet. A lock whose holder died is taken
 * over after a minute (its holder refreshes it every 10 s, even at the lowest priority).
 */
export async function withCacheLock<T>(
  name: string,
  work: () => Promise<T>,
  dir: string = cacheDir,
): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const release = await lock(join(dir, `${name}.lock`), {
    realpath: false,
    stale: 60_000,
    update: 10_000,
    retries: { forever: true, minTimeout: 200, maxTimeout: 2_000, factor: 1.5 },
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
