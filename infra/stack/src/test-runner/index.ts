import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../paths';
import { ProfileSession } from '../profile-session';
import { progress } from '../progress';
import type { Profile } from '../scaled-topology';
import { composeProfiles, type ComposeProfile } from '../docker/compose-project';
import { runComposeStages } from './compose-stage';
import { hasPrebuildWork, prebuildWorkOf } from './prebuild';
import { startPrebuild } from './prebuild-process';
import { runSummary, type StageResult } from './run-summary';
import {
  composeProfilesOfSpec,
  everySpecFile,
  kindOfSpec,
  needsDockerEngineOnly,
  profileOfSpec,
  runsBesideTheStack,
} from './spec-files';
import { runSpecFiles } from './spec-queue';

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

const profileName = { single: 'small profile', scaled: 'scaled profile' } as const;

/**
 * Starts a profile's stack: what is not running is started; if the other profile is up, its own
 * processes make way (both use the same ports) until the session closes. Never rejects: a
 * stack that did not start is a failed stage.
 */
async function openSession(
  profile: Profile,
  alongside = '',
): Promise<{ session?: ProfileSession; stage: StageResult }> {
  const name = `${profileName[profile]}: start${alongside}`;
  const startedAt = Date.now();
  try {
    const session = await ProfileSession.open(profile);
    return { session, stage: { name, durationMs: Date.now() - startedAt, files: [] } };
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    progress.warn(
      `the ${profileName[profile]} did not start, so its specs did not run:\n${failure}`,
    );
    return { stage: { name, durationMs: Date.now() - startedAt, files: [], failure } };
  }
}

/** A profile's specs on its stack, which is stopped again (what this run started of it) after. */
async function runOnStack(
  profile: Profile,
  files: readonly string[],
  opened: { session?: ProfileSession; stage: StageResult },
): Promise<StageResult[]> {
  const { session, stage } = opened;
  if (!session) return [stage];
  try {
    progress.step(`running ${files.length} spec files on the ${profileName[profile]}`);
    const { result, durationMs } = await timed(() =>
      runSpecFiles(files, { env: { ...process.env, ORCHARD_PROFILE: profile } }),
    );
    return [stage, { name: `${profileName[profile]}: specs`, durationMs, files: result }];
  } finally {
    await session.close();
  }
}

/**
 * `npm test`: lint and the unit specs while the small profile's stack starts, then the other
 * specs on it one file at a time (the standalone ones beside them), then the scaled profile's,
 * then the compose stacks' (the native stack stopped first); each stage's time and the closing
 * counts at the end. Given files, runs only those (no lint). Once the small profile is up,
 * what later stages need (kube-apiserver, the compose images) is built beside the specs at the
 * lowest priority.
 */
export async function runTests(requestedFiles: string[]): Promise<number> {
  const startedAt = Date.now();
  const files = requestedFiles.length ? requestedFiles : everySpecFile();
  const unitFiles = files.filter((file) => kindOfSpec(file) === 'unit');
  const onProfile = (profile: Profile) =>
    files.filter(
      (file) =>
        kindOfSpec(file) !== 'unit' && !runsBesideTheStack(file) && profileOfSpec(file) === profile,
    );
  const stages: StageResult[] = [];
  const small = onProfile('single');
  const standalone = files.filter(runsBesideTheStack);
  const opening = small.length ? openSession('single', ' (beside the above)') : undefined;
  const composeSpecsOf = (profile: ComposeProfile) =>
    files.filter((file) => composeProfilesOfSpec(file).includes(profile));
  const work = prebuildWorkOf(
    files,
    composeProfiles.filter((profile) => composeSpecsOf(profile).length > 0),
  );
  // After the small profile's start, whose own builds need the CPU (and write the secrets).
  const prebuilding = hasPrebuildWork(work)
    ? Promise.resolve(opening).then(() => startPrebuild(work))
    : undefined;
  if (requestedFiles.length === 0) {
    const { result: code, durationMs } = await timed(lint);
    stages.push({
      name: 'lint',
      durationMs,
      files: [],
      ...(code === 0 ? {} : { failure: `lint exited with ${code}` }),
    });
  }
  if (unitFiles.length) {
    const { result, durationMs } = await timed(() =>
      // No infrastructure: two at a time (two cores).
      runSpecFiles(unitFiles, { report: 'keep', atOnce: 2 }),
    );
    stages.push({ name: 'unit specs (no stack)', durationMs, files: result });
  }
  // The standalone specs start with the small profile's specs, and end before the scaled stage.
  const opened = opening && (await opening);
  const beside = standalone.length
    ? timed(() =>
        // One at a time beside the stack's specs and below their priority.
        runSpecFiles(standalone, { report: 'keep', niceness: 10 }),
      )
    : undefined;
  if (opened) stages.push(...(await runOnStack('single', small, opened)));
  if (beside) {
    const { result, durationMs } = await beside;
    const name = `standalone integration specs${opened ? ' (beside the above)' : ''}`;
    stages.push({ name, durationMs, files: result });
  }
  const scaled = onProfile('scaled');
  if (scaled.length)
    stages.push(...(await runOnStack('scaled', scaled, await openSession('scaled'))));
  if (prebuilding) stages.push(await (await prebuilding).finished);
  stages.push(...(await runComposeStages(composeSpecsOf, files.filter(needsDockerEngineOnly))));
  process.stdout.write(runSummary(stages, Date.now() - startedAt));
  const failed = stages.some((s) => s.failure || s.files.some((f) => f.failed > 0));
  return failed ? 1 : 0;
}
