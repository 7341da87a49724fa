import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { run } from '../process/run';
import { docker, dockerEnvironment, type DockerEngine } from './docker-daemon';
import { dockerVersions } from './docker-install';

/**
 * The base image every image of the compose stage is built on: Debian's minimal root file
 * system (debootstrap's minbase variant, from Debian's own archive), imported into the
 * engine. Named as Orchard's, never as Debian's: with Docker Hub, `debian:bookworm-slim` is the
 * same idea, built by Debian's maintainers.
 */
export const baseImage = `orchard/debian-minbase:${dockerVersions.debian}`;

const rootFs = new CacheEntry(`debian-minbase-${dockerVersions.debian}`);

/** Makes the root file system once (cached), and imports it into `engine` if it lacks it. */
export async function ensureBaseImage(engine: DockerEngine): Promise<void> {
  await rootFs.ensure(`Debian ${dockerVersions.debian} minbase (debootstrap)`, async (dir) => {
    await run('debootstrap', [
      '--variant=minbase',
      dockerVersions.debian,
      join(dir, 'root'),
      'http://deb.debian.org/debian',
    ]);
  });
  const present = await docker(engine, ['image', 'ls', '--quiet', baseImage]);
  if (present.trim()) return;
  await new Promise<void>((resolve, reject) => {
    const tar = spawn('tar', ['-C', join(rootFs.dir, 'root'), '--numeric-owner', '-c', '.'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const importer = spawn('/usr/bin/docker', ['import', '-', baseImage], {
      env: dockerEnvironment(engine),
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    tar.stdout.pipe(importer.stdin);
    tar.on('error', reject);
    importer.on('error', reject);
    importer.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker import exited with ${code}`)),
    );
  });
}
