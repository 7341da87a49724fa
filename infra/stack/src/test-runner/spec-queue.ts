import { relative } from 'node:path';
import { repoRoot } from '../paths';
import { progress } from '../progress';
import { kindOfSpec, timeLimitMsOfKind } from './spec-files';
import { runSpecFile, type SpecFileResult } from './spec-process';

export interface SpecQueueOptions {
  env?: NodeJS.ProcessEnv;
  /** Reports kept and printed whole as each file ends (files side by side), or live. */
  report?: 'keep';
  niceness?: number;
  /** Files run at once: 1 (the default) for specs that share a stack. */
  atOnce?: number;
}

function warnIfKilled(result: SpecFileResult): void {
  if (result.timedOut)
    progress.warn(
      `${relative(repoRoot, result.file)}: killed with its process group after its time limit of ${timeLimitMsOfKind[kindOfSpec(result.file)] / 1000} s`,
    );
}

/**
 * Runs spec files `atOnce` at a time, each in a process group of its own within its kind's
 * time limit; a file killed at its limit is warned of by name.
 */
export async function runSpecFiles(
  files: readonly string[],
  { env = process.env, report, niceness, atOnce = 1 }: SpecQueueOptions = {},
): Promise<SpecFileResult[]> {
  const results: SpecFileResult[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const result = await runSpecFile(file, {
        env,
        timeLimitMs: timeLimitMsOfKind[kindOfSpec(file)],
        ...(report ? { report } : {}),
        ...(niceness === undefined ? {} : { niceness }),
      });
      if (report) process.stdout.write(result.report ?? '');
      warnIfKilled(result);
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  return results;
}
