import { ComposeSession } from '../docker/compose-session';
import {
  composeProfiles,
  composeProjectVariable,
  type ComposeProfile,
} from '../docker/compose-project';
import { startDockerEngine, stopDockerEngine } from '../docker/docker-daemon';
import { installDocker } from '../docker/docker-install';
import { whyDockerCannotRun } from '../docker/machine-support';
import { progress } from '../progress';
import type { StageResult } from './run-summary';
import type { SpecFileResult } from './spec-process';
import { runSpecFiles } from './spec-queue';

const stageName = (profile: ComposeProfile) =>
  profile === 'single' ? 'compose' : 'compose, scaled';

/**
 * The compose stage, after the native ones: the Docker engine (the stack's own unless the user
 * runs one) and its own specs, then for each compose profile with specs: its images built, its
 * containers up from a clean state, its specs one file at a time, and the project removed with
 * its volumes. Skipped, saying why, where Docker cannot run.
 */
export async function runComposeStages(
  specsOf: (profile: ComposeProfile) => readonly string[],
  engineSpecs: readonly string[] = [],
): Promise<StageResult[]> {
  const profiles = composeProfiles.filter((p) => specsOf(p).length > 0);
  if (profiles.length === 0 && engineSpecs.length === 0) return [];
  const cannot = await whyDockerCannotRun();
  if (cannot) {
    progress.warn(`the compose stage is skipped: ${cannot}`);
    return [{ name: 'compose', durationMs: 0, files: [], skipped: cannot }];
  }
  const startedAt = Date.now();
  const engine = await installDocker()
    .then(() => startDockerEngine())
    .catch((error: Error) => error);
  const setUp: StageResult = {
    name: 'compose: Docker engine',
    durationMs: Date.now() - startedAt,
    files: [],
  };
  if (engine instanceof Error) return [{ ...setUp, failure: engine.message }];
  const stages = [setUp];
  try {
    if (engineSpecs.length) stages.push(await runEngineSpecs(engineSpecs));
    for (const profile of profiles)
      stages.push(...(await runOnCompose(engine, profile, specsOf(profile))));
  } finally {
    // The last user of the engine in a run: whoever started it, it stops now.
    await stopDockerEngine(engine, { evenIfFound: true });
  }
  return stages;
}

/** The Docker engine's own specs, one file at a time, on the engine the stage started. */
async function runEngineSpecs(files: readonly string[]): Promise<StageResult> {
  const startedAt = Date.now();
  progress.step(`running ${files.length} spec files on the Docker engine`);
  const results = await runSpecFiles(files);
  return { name: 'compose: the engine', durationMs: Date.now() - startedAt, files: results };
}

async function runOnCompose(
  engine: Awaited<ReturnType<typeof startDockerEngine>>,
  profile: ComposeProfile,
  files: readonly string[],
): Promise<StageResult[]> {
  const name = stageName(profile);
  const startedAt = Date.now();
  let session: ComposeSession;
  try {
    session = await ComposeSession.open(engine, profile);
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    progress.warn(`the ${name} stack did not start, so its specs did not run:\n${failure}`);
    return [
      { name: `${name}: build and start`, durationMs: Date.now() - startedAt, files: [], failure },
    ];
  }
  const { buildMs, upMs } = session.timings;
  const start: StageResult = {
    name: `${name}: build ${(buildMs / 1000).toFixed(0)} s, up ${(upMs / 1000).toFixed(0)} s`,
    durationMs: Date.now() - startedAt,
    files: [],
  };
  const specsStartedAt = Date.now();
  const results: SpecFileResult[] = [];
  try {
    progress.step(`running ${files.length} spec files on the ${name} stack`);
    results.push(
      ...(await runSpecFiles(files, {
        env: { ...process.env, [composeProjectVariable]: JSON.stringify(session.project) },
      })),
    );
  } finally {
    await session.close();
  }
  return [
    start,
    { name: `${name}: specs`, durationMs: Date.now() - specsStartedAt, files: results },
  ];
}
