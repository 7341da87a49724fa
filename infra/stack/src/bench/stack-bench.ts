/**
 * Benchmarks the native stack: time from start to all-healthy with a warm cache, the peak
 * resident memory of all infrastructure processes, and (with --cold) the first install into
 * empty caches, as on a fresh machine. Prints the figures and writes them as JSON.
 *
 *   npm run bench:stack             warm start + memory
 *   npm run bench:stack -- --cold   also the first install (downloads and builds everything)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { infrastructure } from '../components';
import { ManagedProcess } from '../process/managed-process';
import { repoRoot } from '../paths';
import { Stack } from '../stack';
import { residentBytesOfTrees } from './process-tree';

const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(2);

async function timed<T>(task: () => Promise<T>): Promise<number> {
  const begin = process.hrtime.bigint();
  await task();
  return Number(process.hrtime.bigint() - begin) / 1e9;
}

/** Samples the resident memory of every component's process tree until `stop` resolves. */
function samplePeakMemory(names: string[], until: Promise<unknown>): Promise<number> {
  return new Promise((resolvePeak) => {
    let peak = 0;
    let done = false;
    void until.finally(() => (done = true));
    const tick = () => {
      const pids = names.flatMap((n) => new ManagedProcess(n).runningPid() ?? []);
      peak = Math.max(peak, residentBytesOfTrees(pids));
      if (done) resolvePeak(peak);
      else setTimeout(tick, 250);
    };
    tick();
  });
}

/** `npm start` exactly as a person runs it; it returns once everything is healthy. */
function npmStart(): Promise<void> {
  return new Promise((resolveStart, reject) => {
    const child = spawn('npm', ['start'], { cwd: repoRoot, stdio: 'inherit' });
    child.on('close', (code) =>
      code === 0 ? resolveStart() : reject(new Error(`npm start exited with ${code}`)),
    );
  });
}

/** Runs the first install in a child process whose every cache points at an empty folder. */
function coldInstallSeconds(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'orchard-cold-'));
  const env = {
    ...process.env,
    ORCHARD_CACHE_DIR: join(scratch, 'orchard'),
    GOMODCACHE: join(scratch, 'gomod'),
    GOCACHE: join(scratch, 'gobuild'),
    MAVEN_OPTS: `-Dmaven.repo.local=${join(scratch, 'm2')}`,
  };
  const begin = Date.now();
  return new Promise((resolveSeconds, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'infra/stack/dist/cli.js'), 'install'], {
      env,
      stdio: 'inherit',
    });
    child.on('close', (code) => {
      rmSync(scratch, { recursive: true, force: true });
      if (code === 0) resolveSeconds((Date.now() - begin) / 1000);
      else reject(new Error(`cold install exited with ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const cold = process.argv.includes('--cold');
  const components = infrastructure();
  const stack = new Stack(components);
  const names = components.map((c) => c.name);

  await stack.install();
  await stack.down();
  const up = npmStart();
  const [warmStartSeconds, peakDuringStart] = await Promise.all([
    timed(() => up),
    samplePeakMemory(names, up),
  ]);
  // Memory keeps growing as the JVMs and Temporal settle: sample a while longer.
  const settle = new Promise((r) => setTimeout(r, 20_000));
  const peakAfterSettle = await samplePeakMemory(names, settle);
  const peakResidentBytes = Math.max(peakDuringStart, peakAfterSettle);
  const perComponent = Object.fromEntries(
    names.map((n) => [n, residentBytesOfTrees([new ManagedProcess(n).runningPid() ?? -1])]),
  );

  const result = {
    warmStartSeconds: Number(warmStartSeconds.toFixed(1)),
    peakResidentGiB: Number(gib(peakResidentBytes)),
    residentMiBByComponent: Object.fromEntries(
      Object.entries(perComponent).map(([n, b]) => [n, Math.round(b / 2 ** 20)]),
    ),
    firstInstallSeconds: cold ? Number((await coldInstallSeconds()).toFixed(0)) : null,
    targets: { warmStartSeconds: 60, peakResidentGiB: 2.5 },
  };
  console.log(`warm start to all healthy: ${result.warmStartSeconds} s (target < 60 s)`);
  console.log(
    `peak resident memory of the infrastructure: ${result.peakResidentGiB} GiB (target < 2.5 GiB)`,
  );
  for (const [n, mib] of Object.entries(result.residentMiBByComponent))
    console.log(`  ${n.padEnd(20)} ${mib} MiB`);
  if (result.firstInstallSeconds !== null)
    console.log(`first install into empty caches: ${result.firstInstallSeconds} s`);
  mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench-results', 'stack.json'), JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
