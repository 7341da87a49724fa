import { spawn, type ChildProcess } from 'node:child_process';
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
import { lastLinesOf } from './last-lines';

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

export type Liveness = { running: true; pid: number } | { running: false; reason: string };

/**
 * The processes this process started, by the pid record it wrote: their handles know when they
 * exit, and how. Keyed by the record, so a pid recycled for a process started elsewhere is not
 * mistaken for one of them.
 */
const startedHere = new Map<string, ChildProcess>();
const recordKey = (record: PidRecord) => `${record.pid}@${record.startedAt}`;

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

  /**
   * Whether our process runs, and if not, why not. A process this one started is known by its
   * handle (alive until Node sees it exit, with its code or signal); one started by an earlier
   * command, by its pid file, its pid and its command line (so a recycled pid is never ours).
   */
  liveness(): Liveness {
    const record = this.readRecord();
    if (!record)
      return {
        running: false,
        reason: existsSync(this.pidFile)
          ? `its pid file is unreadable (${this.pidFile})`
          : 'not started',
      };
    const child = startedHere.get(recordKey(record));
    if (child) {
      if (child.exitCode !== null)
        return { running: false, reason: `exited with code ${child.exitCode}` };
      if (child.signalCode !== null)
        return { running: false, reason: `was killed by ${child.signalCode}` };
      return { running: true, pid: record.pid };
    }
    if (!isAlive(record.pid)) return { running: false, reason: `pid ${record.pid} is gone` };
    const commandLine = commandLineOf(record.pid);
    if (!commandLine.includes(record.command))
      return {
        running: false,
        reason: `pid ${record.pid} now runs ${commandLine ? `"${commandLine.slice(0, 200)}"` : 'nothing (a zombie)'}, not ${record.command}`,
      };
    return { running: true, pid: record.pid };
  }

  /** The pid of our process if it is still running, else undefined. */
  runningPid(): number | undefined {
    const liveness = this.liveness();
    return liveness.running ? liveness.pid : undefined;
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
    startedHere.set(recordKey(record), child);
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

  /** The last lines of its log, to say why it failed. */
  logTail(lines = 15): string {
    return lastLinesOf(this.logFile, lines);
  }
}
