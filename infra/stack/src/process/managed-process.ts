import { spawn } from 'node:child_process';
import {
  closeSync,
  fchmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { keepStatePrivate, statePaths } from '../paths';
import { waitFor } from '../wait';

export interface LaunchSpec {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

interface PidRecord {
  pid: number;
  command: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live pid, so a recycled pid is never mistaken for ours. */
function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** A process the stack started, known by the pid file it wrote. */
export class ManagedProcess {
  constructor(readonly name: string) {}

  get logFile(): string {
    return statePaths.log(this.name);
  }

  private get pidFile(): string {
    return statePaths.pid(this.name);
  }

  private readRecord(): PidRecord | undefined {
    if (!existsSync(this.pidFile)) return undefined;
    try {
      return JSON.parse(readFileSync(this.pidFile, 'utf8')) as PidRecord;
    } catch {
      return undefined;
    }
  }

  /** The pid of our process if it is still running, else undefined. */
  runningPid(): number | undefined {
    const record = this.readRecord();
    if (!record || !isAlive(record.pid)) return undefined;
    return commandLineOf(record.pid).includes(record.command) ? record.pid : undefined;
  }

  start(spec: LaunchSpec): number {
    keepStatePrivate();
    mkdirSync(dirname(this.logFile), { recursive: true });
    mkdirSync(dirname(this.pidFile), { recursive: true });
    const log = openSync(this.logFile, 'a', 0o600);
    fchmodSync(log, 0o600); // a log from before stays readable by its owner only too
    writeFileSync(
      log,
      `\n--- ${new Date().toISOString()} starting ${spec.command} ${spec.args.join(' ')}\n`,
    );
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      uid: spec.uid,
      gid: spec.gid,
      detached: true,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    if (child.pid === undefined) throw new Error(`${this.name}: could not start ${spec.command}`);
    child.unref();
    const record: PidRecord = {
      pid: child.pid,
      command: spec.command,
      startedAt: new Date().toISOString(),
    };
    writeFileSync(this.pidFile, JSON.stringify(record));
    return child.pid;
  }

  /** Stops our process by its pid: the clean signal first, SIGKILL if it outlives the grace period. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 30_000): Promise<boolean> {
    const pid = this.runningPid();
    if (pid === undefined) {
      rmSync(this.pidFile, { force: true });
      return false;
    }
    process.kill(pid, signal);
    try {
      await waitFor(async () => !isAlive(pid), {
        timeoutMs: graceMs,
        intervalMs: 100,
        what: `${this.name} to exit`,
      });
    } catch {
      process.kill(pid, 'SIGKILL');
      await waitFor(async () => !isAlive(pid), {
        timeoutMs: 5_000,
        intervalMs: 100,
        what: `${this.name} to die`,
      });
    }
    rmSync(this.pidFile, { force: true });
    return true;
  }

  /** The line of the log's tail that best says why the process failed: the last error, else the last line. */
  failureLine(): string {
    let tail: string[];
    try {
      tail = readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-60);
    } catch {
      return '';
    }
    const errorLine = [...tail]
      .reverse()
      .find((line) => /error|exception|fatal|failed|refused/i.test(line));
    return (errorLine ?? tail.at(-1) ?? '').trim().slice(0, 300);
  }
}
