import { basename } from 'node:path';
import { buildImages, testProject } from '../docker/compose-session';
import type { ComposeProfile } from '../docker/compose-project';
import { startDockerEngine, stopDockerEngine } from '../docker/docker-daemon';
import { installDocker } from '../docker/docker-install';
import { whyDockerCannotRun } from '../docker/machine-support';
import { installApiServer } from '../kubernetes/api-server-install';
import { progress } from '../progress';

/** What later stages of a run will build if nothing builds it first. */
export interface PrebuildWork {
  /** kube-apiserver and the operators' CRDs, for the chart's API server spec. */
  apiServer: boolean;
  /** The compose profiles whose images the compose stage builds. */
  composeProfiles: ComposeProfile[];
}

const apiServerSpec = 'api-server.standalone.integration.spec.js';

/** The long builds the run's spec files wait on. */
export function prebuildWorkOf(
  files: readonly string[],
  composeProfilesWithSpecs: readonly ComposeProfile[],
): PrebuildWork {
  return {
    apiServer: files.some((file) => basename(file) === apiServerSpec),
    composeProfiles: [...composeProfilesWithSpecs],
  };
}

export const hasPrebuildWork = (work: PrebuildWork) =>
  work.apiServer || work.composeProfiles.length > 0;

/**
 * Builds what later stages need, in the order they need it: kube-apiserver (an integration
 * spec), then Docker and the compose images (the last stage). Each install is locked in the
 * cache, so a spec that needs one meanwhile waits for it rather than racing it. An engine it
 * starts is stopped again: it runs at the prebuild's low priority, which the compose stage's
 * containers must not inherit.
 */
export async function prebuild(work: PrebuildWork): Promise<void> {
  if (work.apiServer) await installApiServer();
  if (work.composeProfiles.length === 0) return;
  const cannot = await whyDockerCannotRun();
  if (cannot) {
    progress.step(`no compose images built: ${cannot}`);
    return;
  }
  await installDocker();
  const engine = await startDockerEngine();
  try {
    for (const profile of work.composeProfiles) await buildImages(testProject(engine, profile));
  } finally {
    await stopDockerEngine(engine);
  }
}

/** `stack prebuild`'s arguments: `--api-server`, `--compose <profile,...>`. */
export function prebuildArguments(work: PrebuildWork): string[] {
  return [
    ...(work.apiServer ? ['--api-server'] : []),
    ...(work.composeProfiles.length ? ['--compose', work.composeProfiles.join(',')] : []),
  ];
}

export function prebuildWorkOfArguments(args: readonly string[]): PrebuildWork {
  const composeAt = args.indexOf('--compose');
  const profiles = composeAt >= 0 ? (args[composeAt + 1] ?? '').split(',') : [];
  const unknown = profiles.filter((p) => p !== 'single' && p !== 'scaled');
  if (unknown.length) throw new Error(`prebuild: no compose profile ${unknown.join(', ')}`);
  return {
    apiServer: args.includes('--api-server'),
    composeProfiles: profiles as ComposeProfile[],
  };
}
