import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { ensureDebianPackages } from '../install/debian';
import { ensureGo, goEnvironment } from '../install/toolchains';
import { infraDir } from '../paths';
import { usersDaemon } from './docker-daemon';
import { run } from '../process/run';

export const dockerVersions = {
  /** github.com/docker/compose/v5, built from infra/compose/go.mod. */
  compose: '5.6.0',
  /** The Debian release the base image is made from (debootstrap's minbase variant). */
  debian: 'bookworm',
} as const;

/** Compose, as a CLI plugin: `docker --config <dir> compose` finds it in `<dir>/cli-plugins`. */
export const composePlugin = new CacheEntry(`docker-compose-${dockerVersions.compose}`);

/**
 * Docker for the compose stage: the engine from Debian (`docker.io`: dockerd, containerd,
 * runc, the CLI) unless a daemon the user runs answers (whose installation is theirs, never
 * touched), Compose built from the Go module proxy into the cache, and debootstrap to make the
 * base image no registry serves here. As root only (the engine's daemon needs it).
 */
export async function installDocker(): Promise<void> {
  await ensureDebianPackages([...((await usersDaemon()) ? [] : ['docker.io']), 'debootstrap']);
  const go = await ensureGo();
  await composePlugin.ensure(`Docker Compose ${dockerVersions.compose} (go build)`, async (dir) => {
    await run(
      go,
      [
        'build',
        // What `docker compose version` reports, as Compose's own release build stamps it.
        `-ldflags=-X github.com/docker/compose/v5/internal.Version=v${dockerVersions.compose}`,
        '-o',
        join(dir, 'cli-plugins', 'docker-compose'),
        'github.com/docker/compose/v5/cmd',
      ],
      { cwd: join(infraDir, 'compose'), env: goEnvironment() },
    );
  });
}
