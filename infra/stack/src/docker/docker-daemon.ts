import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, socketPath, statePaths } from '../paths';
import { ManagedProcess } from '../process/managed-process';
import { run } from '../process/run';
import { progress } from '../progress';
import { waitFor } from '../wait';
import { composePlugin } from './docker-install';

/** Debian's engine and its CLI (the machine may have another CLI first on its PATH). */
const dockerd = '/usr/sbin/dockerd';
const dockerCli = '/usr/bin/docker';

/**
 * The addresses the daemon gives its bridge and compose's networks: a range of their own, so
 * they never shadow a network the machine is on. Containers are reached only through ports
 * published on 127.0.0.1.
 */
export const dockerAddressPool = { bridge: '10.213.0.1/24', networks: '10.214.0.0/16' } as const;

/** A Docker daemon to run the compose stage against, and how to reach it. */
export interface DockerEngine {
  /** `unix://…`: what DOCKER_HOST names. */
  host: string;
  /** Whether it is the stack's own daemon (never a user's, which is never stopped). */
  ownDaemon: boolean;
  /** Whether this call started it: whoever found it running leaves it to whoever started it. */
  startedNow: boolean;
}

/** The environment for the docker CLI and Compose against `engine`. */
export function dockerEnvironment(engine: DockerEngine): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: engine.host, DOCKER_CONFIG: composePlugin.dir };
}

/** Runs the Debian docker CLI (Compose as its plugin) against `engine`; its output. */
export function docker(engine: DockerEngine, args: string[], input?: string): Promise<string> {
  return run(dockerCli, args, { env: dockerEnvironment(engine), ...(input ? { input } : {}) });
}

const answers = (host: string) =>
  run(dockerCli, ['version', '--format', '{{.Server.Version}}'], {
    env: { ...process.env, DOCKER_HOST: host },
  }).then(
    () => true,
    () => false,
  );

/** The daemon a user already runs (DOCKER_HOST or the default socket), used but never stopped. */
export async function usersDaemon(): Promise<DockerEngine | undefined> {
  const host = process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
  if (host.startsWith('unix://') && !existsSync(host.slice('unix://'.length))) return undefined;
  return (await answers(host)) ? { host, ownDaemon: false, startedNow: false } : undefined;
}

const daemon = new ManagedProcess('dockerd');

/**
 * A daemon to use: the user's if one answers, else one of the stack's own: its data in the
 * cache (images survive between runs), its socket and exec root in the clone's socket folder,
 * its pid file under `.stack/`, the address pool above; stopped by its pid with `stop`.
 */
export async function startDockerEngine(): Promise<DockerEngine> {
  const theirs = await usersDaemon();
  if (theirs) return theirs;
  const socket = socketPath('docker.sock');
  const host = `unix://${socket}`;
  const startedNow = daemon.runningPid() === undefined;
  if (startedNow) {
    const pid = daemon.start({
      command: dockerd,
      args: [
        `--host=${host}`,
        `--data-root=${join(cacheDir, 'docker-data')}`,
        `--exec-root=${socketPath('docker-exec')}`,
        `--pidfile=${statePaths.pid('dockerd-own')}`,
        `--bip=${dockerAddressPool.bridge}`,
        `--default-address-pool=base=${dockerAddressPool.networks},size=24`,
        '--storage-driver=overlay2',
      ],
    });
    progress.step(`dockerd: started (pid ${pid})`);
  }
  await waitFor(async () => daemon.runningPid() !== undefined && (await answers(host)), {
    timeoutMs: 60_000,
    intervalMs: 500,
    what: 'the Docker daemon to answer',
  }).catch(async (error: Error) => {
    const log = daemon.logTail();
    await daemon.stop('SIGTERM', 30_000);
    throw new Error(`${error.message}; its log:\n${log}`);
  });
  return { host, ownDaemon: true, startedNow };
}

/**
 * Stops the stack's own daemon, by its pid, if this process started it, or `evenIfFound` (the
 * last user of a run); a user's daemon is left alone.
 */
export async function stopDockerEngine(
  engine: DockerEngine,
  { evenIfFound = false }: { evenIfFound?: boolean } = {},
): Promise<void> {
  if (!engine.ownDaemon || !(engine.startedNow || evenIfFound)) return;
  if (await daemon.stop('SIGTERM', 60_000)) progress.step('dockerd: stopped');
}
