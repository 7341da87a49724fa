import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../paths';

export interface SpecFileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  /** Killed, with its whole process group, at its time limit. */
  timedOut: boolean;
  /** Its report, when it was kept to be printed whole (files run side by side). */
  report?: string;
}

/** The counts closing the TAP report Node's test runner writes (`# pass 12` …); absent if killed. */
export function countsOfTap(tap: string): Pick<SpecFileResult, 'passed' | 'failed' | 'skipped'> {
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
}

/**
 * Node's test runner tells a process it runs that it is a child reporting to it
 * (NODE_TEST_CONTEXT); a run started from inside a spec must be a test run of its own.
 */
function ownTestContext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const own = { ...env };
  delete own['NODE_TEST_CONTEXT'];
  return own;
}

/** Spec processes running now, each the leader of its own process group. */
const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Gone already, with everything it started.
  }
}

let signalsForwarded = false;
/** The groups are detached from the terminal's: an interrupted run takes them down itself. */
function forwardInterrupts(): void {
  if (signalsForwarded) return;
  signalsForwarded = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      running.forEach(killGroup);
      process.kill(process.pid, signal);
    });
}

/**
 * Runs one spec file under Node's test runner in a process group of its own: its report goes
 * to this terminal, its counts to a TAP file read afterwards. Past `timeLimitMs` the whole
 * group is killed (a hung spec, a timer that keeps a process alive) and the file counts as failed.
 */
export function runSpecFile(
  file: string,
  options: {
    env: NodeJS.ProcessEnv;
    timeLimitMs: number;
    /**
     * Where its report goes: this terminal as it runs, kept and returned whole (files run side
     * by side, printed one after the other), or nowhere (the runner's own specs).
     */
    report?: 'inherit' | 'keep' | 'ignore';
    /** A niceness to run at (a spec beside others that must not slow them), else the runner's. */
    niceness?: number;
  },
): Promise<SpecFileResult> {
  forwardInterrupts();
  const reportDir = mkdtempSync(join(tmpdir(), 'orchard-spec-'));
  const tapFile = join(reportDir, 'report.tap');
  const startedAt = Date.now();
  const node = [
    process.execPath,
    '--enable-source-maps',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    '--test-timeout=180000',
    file,
  ];
  // `nice` execs node: the group's leader is still the spec's own process.
  const [command = process.execPath, ...args] =
    options.niceness === undefined ? node : ['nice', '-n', String(options.niceness), ...node];
  const child = spawn(command, args, {
    cwd: repoRoot,
    stdio: options.report === 'keep' ? ['ignore', 'pipe', 'pipe'] : (options.report ?? 'inherit'),
    env: ownTestContext(options.env),
    detached: true,
  });
  running.add(child);
  const kept: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => kept.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => kept.push(chunk));
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    killGroup(child);
  }, options.timeLimitMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(limit);
      running.delete(child);
      // What it started and left behind in its group (a spec that crashed before its `after`).
      killGroup(child);
      let tap = '';
      try {
        tap = readFileSync(tapFile, 'utf8');
      } catch {
        // Killed before it wrote anything.
      }
      rmSync(reportDir, { recursive: true, force: true });
      const counts = countsOfTap(tap);
      // A file that failed to load, or was killed, may report no failing test: it fails once.
      const failedWithoutCount = (timedOut || code !== 0) && counts.failed === 0;
      resolve({
        file,
        ...counts,
        failed: counts.failed + (failedWithoutCount ? 1 : 0),
        durationMs: Date.now() - startedAt,
        timedOut,
        ...(options.report === 'keep' ? { report: Buffer.concat(kept).toString('utf8') } : {}),
      });
    });
  });
}
