import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { run } from '../process/run';
import { docker, dockerEnvironment, type DockerEngine } from './docker-daemon';
import { dockerVersions } from './docker-install';

/**
 * The base image every image of the compose files is built on here: Debian's minimal root file
 * system (debootstrap's minbase variant, from Debian's own archive), imported into the engine.
 * Named as Orchard's, never as Debian's: with Docker Hub, the compose files take
 * `debian:bookworm-slim`, the same release built by Debian's maintainers.
 */
export const baseImage = `orchard/debian-minbase:${dockerVersions.debian}`;

/**
 * The certificate authorities this machine adds to Debian's (a company proxy's, say): builds
 * reach the package registries through the same network as the machine, so the base image
 * trusts what the machine trusts, as `update-ca-certificates` would make it in a company image.
 */
const localAuthorities = '/usr/local/share/ca-certificates';

function localAuthorityFiles(): string[] {
  if (!existsSync(localAuthorities)) return [];
  return readdirSync(localAuthorities)
    .filter((name) => name.endsWith('.crt'))
    .sort();
}

/** Names the root file system by what is in it, so that a changed authority makes a new one. */
function rootFsKey(): string {
  const hash = createHash('sha256');
  for (const name of localAuthorityFiles())
    hash.update(name).update(readFileSync(join(localAuthorities, name)));
  return hash.digest('hex').slice(0, 12);
}

/** Makes the root file system once (cached), and imports it into `engine` if it lacks it. */
export async function ensureBaseImage(engine: DockerEngine): Promise<void> {
  const key = rootFsKey();
  const rootFs = new CacheEntry(`debian-minbase-${dockerVersions.debian}-${key}`);
  await rootFs.ensure(`Debian ${dockerVersions.debian} minbase (debootstrap)`, async (dir) => {
    const root = join(dir, 'root');
    await run('debootstrap', [
      '--variant=minbase',
      '--include=ca-certificates',
      dockerVersions.debian,
      root,
      'http://deb.debian.org/debian',
    ]);
    for (const name of localAuthorityFiles())
      copyFileSync(join(localAuthorities, name), join(root, localAuthorities, name));
    await run('chroot', [root, 'update-ca-certificates']);
    // What Debian's slim images leave out, so that images made here are as small.
    await run('chroot', [root, 'apt-get', 'clean']);
  });
  const present = await docker(engine, [
    'image',
    'ls',
    '--quiet',
    '--filter',
    `label=org.orchard.rootfs=${key}`,
    baseImage,
  ]);
  if (present.trim()) return;
  await importRootFs(engine, rootFs.dir, key).catch(async (error: Error) => {
    // Whatever the failed import left tagged is not the base.
    await docker(engine, ['image', 'rm', '--force', baseImage]).catch(() => undefined);
    throw error;
  });
}

/** `tar` of the root file system into `docker import`, labelled with what is in it. */
function importRootFs(engine: DockerEngine, dir: string, key: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tar = spawn('tar', ['-C', join(dir, 'root'), '--numeric-owner', '-c', '.'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const importer = spawn(
      '/usr/bin/docker',
      ['import', '--change', `LABEL org.orchard.rootfs=${key}`, '-', baseImage],
      { env: dockerEnvironment(engine), stdio: ['pipe', 'ignore', 'inherit'] },
    );
    tar.stdout.pipe(importer.stdin);
    // An import that fails early closes its input: its exit code says why, not the pipe.
    importer.stdin.on('error', () => undefined);
    const tarExited = new Promise<number | null>((done) => tar.on('close', done));
    tar.on('error', reject);
    importer.on('error', reject);
    importer.on('close', (code) => {
      void tarExited.then((tarCode) => {
        // A root file system read only in part must not be imported as the base.
        if (tarCode !== 0) reject(new Error(`tar of the root file system exited with ${tarCode}`));
        else if (code !== 0) reject(new Error(`docker import exited with ${code}`));
        else resolve();
      });
    });
  });
}
