import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ownComponents, system } from '../components';
import { statePaths } from '../paths';
import { progress } from '../progress';
import { runningProfile } from '../running-profile';
import type { Profile } from '../scaled-topology';
import { stackSecrets, writeComposeTestSecrets } from '../secrets';
import { Stack } from '../stack';
import { ensureBaseImage } from './base-image';
import { compose, type ComposeProfile, type ComposeProject } from './compose-project';
import type { DockerEngine } from './docker-daemon';

/** How long each step of bringing a compose project up took, for the run's summary. */
export interface ComposeTimings {
  buildMs: number;
  upMs: number;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const startedAt = Date.now();
  await work();
  return Date.now() - startedAt;
}

/**
 * One of the repository's compose projects up from a clean state for a test stage, with the
 * native stack's secrets (so the same specs reach it) under a project name of its own, never a
 * user's `orchard`. A native stack that is running makes way (same ports) until `close`.
 */
export class ComposeSession {
  private constructor(
    readonly project: ComposeProject,
    readonly timings: ComposeTimings,
    private readonly yielded: { names: string[]; profile: Profile } | undefined,
  ) {}

  static async open(engine: DockerEngine, profile: ComposeProfile): Promise<ComposeSession> {
    const native = runningProfile();
    const yielded = native ? { profile: native, names: ownComponents(native) } : undefined;
    if (yielded) {
      progress.step(`the native ${native} profile makes way for compose`);
      await new Stack(system(yielded.profile)).down(yielded.names);
    }
    try {
      const { project, timings } = await bringUp(engine, profile);
      return new ComposeSession(project, timings, yielded);
    } catch (error) {
      // A native stack that made way starts again, whatever failed.
      if (yielded) await new Stack(system(yielded.profile)).select(yielded.names).up();
      throw error;
    }
  }

  /** Removes the project with its volumes; a native stack that made way starts again. */
  async close(): Promise<void> {
    await removeProject(this.project).catch((error: Error) =>
      progress.warn(`compose down failed: ${error.message}`),
    );
    if (this.yielded) await new Stack(system(this.yielded.profile)).select(this.yielded.names).up();
  }
}

const removeProject = (project: ComposeProject) =>
  compose(project, ['down', '--volumes', '--remove-orphans']);

/** The test project of a compose profile, with its env file of the native stack's secrets. */
export function testProject(engine: DockerEngine, profile: ComposeProfile): ComposeProject {
  const envFile = statePaths.conf(`compose-${profile}.env`);
  mkdirSync(dirname(envFile), { recursive: true });
  writeComposeTestSecrets(envFile, stackSecrets());
  return { engine, name: `orchard-test-${profile}`, profile, envFile };
}

/** The project's images, on the base image made first if missing. */
export async function buildImages(project: ComposeProject): Promise<void> {
  await ensureBaseImage(project.engine);
  await progress.long(`compose (${project.profile}): building the images`, () =>
    // One build at a time: images share their first stages, which the next build reuses.
    compose(project, ['build'], { COMPOSE_PARALLEL_LIMIT: '1' }),
  );
}

/**
 * The project from a clean state: its env file, the images built (from the cache when the
 * tests built them earlier), every container up and healthy and the connectors registered;
 * removed again if that fails.
 */
async function bringUp(
  engine: DockerEngine,
  profile: ComposeProfile,
): Promise<{ project: ComposeProject; timings: ComposeTimings }> {
  const project = testProject(engine, profile);
  await removeProject(project);
  const buildMs = await timed(() => buildImages(project));
  try {
    const upMs = await timed(() =>
      progress.long(`compose (${profile}): up until every container is healthy`, () =>
        compose(project, ['up', '--detach', '--wait', '--wait-timeout', '600']),
      ),
    );
    // connect-init exits once every connector runs; --wait does not wait for one-shots.
    await compose(project, ['wait', 'connect-init']);
    return { project, timings: { buildMs, upMs } };
  } catch (error) {
    const logs = await compose(project, ['logs', '--no-color', '--tail', '20']).catch(
      (e: Error) => e.message,
    );
    await removeProject(project).catch(() => undefined);
    throw new Error(`${(error as Error).message}\nthe containers' last lines:\n${logs}`);
  }
}
