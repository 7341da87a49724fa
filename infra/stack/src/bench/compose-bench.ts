/**
 * Benchmarks the compose stack beside the native one: the images' build (with --cold from an
 * empty image cache: every Orchard image removed but the base, whose debootstrap is timed on
 * its own), `up --wait` from a clean state to all-healthy, and each container's memory after
 * half a minute idle: docker stats' figure and the resident memory of its processes, counted
 * as the native benchmark counts a process's. With --native, the small native profile's
 * processes are measured the same way. Prints the figures and writes them as JSON.
 *
 *   npm run bench:compose                   warm: images cached
 *   npm run bench:compose -- --cold         images built from nothing
 *   npm run bench:compose -- --native       also the native stack's processes
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { system } from '../components';
import { ProfileSession } from '../profile-session';
import { ManagedProcess } from '../process/managed-process';
import { repoRoot } from '../paths';
import { baseImage, ensureBaseImage } from '../docker/base-image';
import { compose, containerState, type ComposeProject } from '../docker/compose-project';
import { ComposeSession } from '../docker/compose-session';
import {
  docker,
  startDockerEngine,
  stopDockerEngine,
  type DockerEngine,
} from '../docker/docker-daemon';
import { installDocker } from '../docker/docker-install';
import { residentBytesOfTrees } from './process-tree';

const idleSamples = 6;
const idleSampleIntervalMs = 5_000;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

async function seconds(task: () => Promise<unknown>): Promise<number> {
  const begin = Date.now();
  await task();
  return Math.round((Date.now() - begin) / 100) / 10;
}

/** docker stats' memory of each running container of the project, in MiB, by service. */
async function dockerStatsMiB(project: ComposeProject): Promise<Record<string, number>> {
  const units: Record<string, number> = { B: 2 ** -20, KiB: 2 ** -10, MiB: 1, GiB: 2 ** 10 };
  const lines = await docker(project.engine, [
    'stats',
    '--no-stream',
    '--format',
    '{{.Name}} {{.MemUsage}}',
  ]);
  const byService: Record<string, number> = {};
  for (const line of lines.trim().split('\n')) {
    const [name, usage] = line.split(' ');
    const match = /^([\d.]+)(\w+)$/.exec(usage ?? '');
    if (!name?.startsWith(`${project.name}-`) || !match) continue;
    const service = name.slice(project.name.length + 1).replace(/-1$/, '');
    byService[service] = Math.round(Number(match[1]) * (units[match[2] ?? 'MiB'] ?? 1));
  }
  return byService;
}

/** The largest of several samples, per name, taken while the stack sits idle. */
async function peakWhileIdle(
  sample: () => Promise<Record<string, number>>,
): Promise<Record<string, number>> {
  const peak: Record<string, number> = {};
  for (let i = 0; i < idleSamples; i++) {
    if (i > 0) await pause(idleSampleIntervalMs);
    for (const [name, value] of Object.entries(await sample()))
      peak[name] = Math.max(peak[name] ?? 0, value);
  }
  return peak;
}

async function removeOrchardImages(engine: DockerEngine): Promise<void> {
  const images = (
    await docker(engine, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', 'orchard/*'])
  )
    .trim()
    .split('\n')
    .filter((image) => image && image !== baseImage);
  if (images.length) await docker(engine, ['image', 'rm', '--force', ...images]);
  await docker(engine, ['image', 'prune', '--force']);
}

async function measureCompose(cold: boolean) {
  await installDocker();
  const engine = await startDockerEngine();
  try {
    const baseImageSeconds = await seconds(() => ensureBaseImage(engine));
    if (cold) await removeOrchardImages(engine);
    // The test stage's own bring-up: from a clean state, images built one at a time.
    const session = await ComposeSession.open(engine, 'single');
    const { project } = session;
    const buildSeconds = Math.round(session.timings.buildMs / 100) / 10;
    const upSeconds = Math.round(session.timings.upMs / 100) / 10;
    const services = (await compose(project, ['ps', '--format', '{{.Service}}']))
      .trim()
      .split('\n');
    const residentMiB = await peakWhileIdle(async () =>
      Object.fromEntries(
        await Promise.all(
          services.map(async (service) => {
            const { pid } = await containerState(project, service);
            return [service, mib(residentBytesOfTrees([pid]))] as const;
          }),
        ),
      ),
    );
    const dockerStats = await peakWhileIdle(() => dockerStatsMiB(project));
    await session.close();
    return { baseImageSeconds, buildSeconds, upSeconds, residentMiB, dockerStats };
  } finally {
    await stopDockerEngine(engine);
  }
}

async function measureNative(): Promise<Record<string, number>> {
  const session = await ProfileSession.open('single');
  try {
    const names = system('single').map((c) => c.name);
    return await peakWhileIdle(async () =>
      Object.fromEntries(
        names.map((name) => [
          name,
          mib(residentBytesOfTrees([new ManagedProcess(name).runningPid() ?? -1])),
        ]),
      ),
    );
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const cold = process.argv.includes('--cold');
  const composeFigures = await measureCompose(cold);
  const native = process.argv.includes('--native') ? await measureNative() : {};
  const sum = (values: Record<string, number>) =>
    Object.values(values).reduce((total, value) => total + value, 0);
  console.log(`base image (debootstrap, import): ${composeFigures.baseImageSeconds} s`);
  console.log(
    `images built (${cold ? 'empty image cache' : 'cached'}): ${composeFigures.buildSeconds} s`,
  );
  console.log(`up from a clean state to all healthy: ${composeFigures.upSeconds} s`);
  console.log('memory after 30 s idle, MiB: container (docker stats / resident) | native process');
  const names = [
    ...new Set([...Object.keys(composeFigures.residentMiB), ...Object.keys(native)]),
  ].sort();
  for (const name of names)
    console.log(
      `  ${name.padEnd(22)} ${String(composeFigures.dockerStats[name] ?? '-').padStart(6)} / ${String(composeFigures.residentMiB[name] ?? '-').padStart(6)} | ${String(native[name] ?? '-').padStart(6)}`,
    );
  console.log(
    `  ${'total'.padEnd(22)} ${String(sum(composeFigures.dockerStats)).padStart(6)} / ${String(sum(composeFigures.residentMiB)).padStart(6)} | ${String(sum(native)).padStart(6)}`,
  );
  mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
  writeFileSync(
    join(repoRoot, 'bench-results', 'compose.json'),
    JSON.stringify({ cold, ...composeFigures, nativeResidentMiB: native }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
