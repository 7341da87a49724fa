import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../paths';
import { run } from '../process/run';
import { baseImage } from './base-image';
import { dockerEnvironment, type DockerEngine } from './docker-daemon';

/** The repository's compose files for each profile: the scaled one is an override of the other. */
export const composeFiles = {
  single: ['docker-compose.yml'],
  scaled: ['docker-compose.yml', 'docker-compose.scaled.yml'],
} as const;

export type ComposeProfile = keyof typeof composeFiles;

/** In the order the compose stage runs them. */
export const composeProfiles: readonly ComposeProfile[] = ['single', 'scaled'];

/** A compose project of the repository's files on a Docker engine, with its own env file. */
export interface ComposeProject {
  engine: DockerEngine;
  /** The project name: its containers, networks and volumes are named after it. */
  name: string;
  profile: ComposeProfile;
  envFile: string;
}

/** How a spec process finds the project the test stage started (JSON of a ComposeProject). */
export const composeProjectVariable = 'ORCHARD_COMPOSE_PROJECT';

export function composeProjectOfEnvironment(): ComposeProject {
  const value = process.env[composeProjectVariable];
  if (!value) throw new Error(`${composeProjectVariable} is not set: run me in the compose stage`);
  return JSON.parse(value) as ComposeProject;
}

/** `docker compose` on the project; its output. Images are built on the stack's base image. */
export function compose(
  project: ComposeProject,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  return run(
    '/usr/bin/docker',
    [
      'compose',
      '--project-name',
      project.name,
      '--env-file',
      project.envFile,
      ...composeFiles[project.profile].flatMap((file) => ['--file', join(repoRoot, file)]),
      ...args,
    ],
    {
      cwd: repoRoot,
      env: { ...dockerEnvironment(project.engine), ORCHARD_BASE_IMAGE: baseImage, ...env },
    },
  );
}

/** What Docker knows of a service's (one) container: its first process, restarts and health. */
export interface ContainerState {
  /** The host pid of its first process; 0 while it is not running. */
  pid: number;
  restartCount: number;
  /** `healthy`, `unhealthy`, `starting`, or empty without a health check. */
  health: string;
}

export async function containerState(
  project: ComposeProject,
  service: string,
): Promise<ContainerState> {
  const id = (await compose(project, ['ps', '--all', '--quiet', service])).trim();
  if (!id) throw new Error(`${service} has no container`);
  const state = JSON.parse(
    await run('/usr/bin/docker', ['inspect', '--format', '{{json .State}} {{.RestartCount}}', id], {
      env: dockerEnvironment(project.engine),
    }).then((out) => `[${out.trim().replace(/ (\d+)$/, ',$1')}]`),
  ) as [{ Pid: number; Health?: { Status: string } }, number];
  return { pid: state[0].Pid, restartCount: state[1], health: state[0].Health?.Status ?? '' };
}

/**
 * Kills a service's container as a crash would (SIGKILL to its first process, from outside):
 * its restart policy then applies, which `docker kill` would suspend.
 */
export async function crashContainer(project: ComposeProject, service: string): Promise<number> {
  const id = (await compose(project, ['ps', '--quiet', '--no-trunc', service])).trim();
  const { pid } = await containerState(project, service);
  if (pid <= 0 || !id) throw new Error(`${service}'s container is not running`);
  // The pid is the engine's: killed only if this machine's process of that pid is in that
  // container's cgroup (an engine in a VM or elsewhere has pids of its own).
  const cgroup = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
  if (!cgroup.includes(id))
    throw new Error(`${service}'s process ${pid} is not a process of this machine's container`);
  process.kill(pid, 'SIGKILL');
  return pid;
}

/**
 * The address of this machine on the engine's default bridge: what `host.docker.internal`
 * (`host-gateway`) names inside a container, where a receiver on the machine can be reached.
 */
export async function hostAddressForContainers(project: ComposeProject): Promise<string> {
  const address = await run(
    '/usr/bin/docker',
    ['network', 'inspect', 'bridge', '--format', '{{(index .IPAM.Config 0).Gateway}}'],
    { env: dockerEnvironment(project.engine) },
  );
  return address.trim();
}
