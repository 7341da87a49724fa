import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { statePaths } from '../paths';
import { lastLinesOf } from '../process/last-lines';
import { progress } from '../progress';
import { prebuildArguments, type PrebuildWork } from './prebuild';
import type { StageResult } from './run-summary';

/** Longer than a new machine's builds (about 25 minutes uncontended) take at the lowest priority. */
const prebuildTimeLimitMs = 60 * 60_000;

const logFile = statePaths.log('prebuild');

/**
 * `stack prebuild` in a process group of its own at the lowest CPU and disk priority, so the
 * builds take only what the native stages leave idle (their specs mostly wait on the stack);
 * its log in `.stack/logs/prebuild.log`. `finished` resolves with its stage for the summary:
 * failed if it failed or ran past its time limit (then killed with everything it started;
 * a Docker engine it started runs on in a session of its own, which the compose stage adopts
 * and stops).
 */
export function startPrebuild(work: PrebuildWork): { finished: Promise<StageResult> } {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'w', 0o600);
  const cli = join(__dirname, '..', 'cli.js');
  const child = spawn(
    'nice',
    [
      '-n',
      '19',
      'ionice',
      '-c',
      '3',
      process.execPath,
      cli,
      'prebuild',
      ...prebuildArguments(work),
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  closeSync(log);
  progress.step(
    `prebuild (pid ${child.pid}): ${prebuildArguments(work).join(' ')}, log in ${logFile}`,
  );
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  };
  process.once('exit', killGroup);
  const startedAt = Date.now();
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, prebuildTimeLimitMs);
  limit.unref();
  const finished = new Promise<StageResult>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(limit);
      process.removeListener('exit', killGroup);
      const stage = {
        name: 'prebuild, lowest priority (beside the above)',
        durationMs: Date.now() - startedAt,
        files: [],
      };
      if (code === 0 && !timedOut) return resolve(stage);
      const failure = timedOut
        ? `killed after its time limit of ${prebuildTimeLimitMs / 60_000} minutes`
        : `exited with ${code}`;
      progress.warn(`prebuild ${failure}; its last lines:\n${lastLinesOf(logFile, 30)}`);
      resolve({ ...stage, failure: `prebuild ${failure} (${logFile})` });
    });
  });
  return { finished };
}
