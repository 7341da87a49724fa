import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { repoRoot } from '../paths';
import { ProfileSession } from '../profile-session';
import { progress } from '../progress';
import type { Profile } from '../scaled-topology';
import { runSummary, type StageResult } from './run-summary';
import { everySpecFile, kindOfSpec, profileOfSpec, timeLimitMsOfKind } from './spec-files';
import { runSpecFile, type SpecFileResult } from './spec-process';

/** Lint, as CI runs it: every project, no warning allowed. */
function lint(): Promise<number> {
  return new Promise((resolve) => {
    const nx = join(repoRoot, 'node_modules', '.bin', 'nx');
    const child = spawn(
      nx,
      ['run-many', '-t', 'lint', '--output-style=static', '--', '--max-warnings=0'],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; durationMs: number }> {
  const startedAt = Date.now();
  const result = await run();
  return { result, durationMs: Date.now() - startedAt };
}

/** Runs spec files one at a time (they share the stack), each within its kind's time limit. */
async function runSpecFiles(files: readonly string[], profile: Profile): Promise<SpecFileResult[]> {
  const results: SpecFileResult[] = [];
  for (const file of files) {
    const timeLimitMs = timeLimitMsOfKind[kindOfSpec(file)];
    const result = await runSpecFile(file, {
      env: { ...process.env, ORCHARD_PROFILE: profile },
      timeLimitMs,
    });
    if (result.timedOut)
      progress.warn(
        `${relative(repoRoot, file)}: killed with its process group after its time limit of ${timeLimitMs / 1000} s`,
      );
    results.push(result);
  }
  return results;
}

/**
 * One profile's specs on its stack: what is not running is started, the specs run one file at
 * a time, and what this stage started is stopped again. A stage whose profile is not the one
 * up makes the other's own processes give way (both use the same ports) and restarts them after.
 */
async function runStage(profile: Profile, files: readonly string[]): Promise<StageResult> {
  const name = `${profile} profile`;
  const startedAt = Date.now();
  let session: ProfileSession;
  try {
    session = await ProfileSession.open(profile);
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    progress.warn(`the ${profile} profile did not start, so its specs did not run:\n${failure}`);
    return { name, durationMs: Date.now() - startedAt, files: [], failure };
  }
  try {
    progress.step(`running ${files.length} spec files on the ${profile} profile`);
    return { name, durationMs: 0, files: await runSpecFiles(files, profile) };
  } finally {
    await session.close();
  }
}

/**
 * `npm test`: lint, then every spec on the real stack in one stage per profile (the small
 * profile's, then the scaled one's), then each stage's time and the closing counts. Given
 * files, runs only those (no lint).
 */
export async function runTests(requestedFiles: string[]): Promise<number> {
  const startedAt = Date.now();
  const stages: StageResult[] = [];
  if (requestedFiles.length === 0) {
    const { result: code, durationMs } = await timed(lint);
    stages.push({
      name: 'lint',
      durationMs,
      files: [],
      ...(code === 0 ? {} : { failure: `lint exited with ${code}` }),
    });
  }
  const files = requestedFiles.length ? requestedFiles : everySpecFile();
  for (const profile of ['single', 'scaled'] as const) {
    const stageFiles = files.filter((file) => profileOfSpec(file) === profile);
    if (stageFiles.length === 0) continue;
    const { result, durationMs } = await timed(() => runStage(profile, stageFiles));
    stages.push({ ...result, durationMs });
  }
  process.stdout.write(runSummary(stages, Date.now() - startedAt));
  const failed = stages.some((s) => s.failure || s.files.some((f) => f.failed > 0));
  return failed ? 1 : 0;
}
