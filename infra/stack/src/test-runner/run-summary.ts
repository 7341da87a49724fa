import { relative } from 'node:path';
import { repoRoot } from '../paths';
import type { SpecFileResult } from './spec-process';

/** One stage of a run: its name, how long it took, and its spec files' results (none for lint). */
export interface StageResult {
  name: string;
  durationMs: number;
  files: SpecFileResult[];
  /** A stage that could not run its specs (its stack failed to start): why. */
  failure?: string;
  /** A stage left out on this machine: why. */
  skipped?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The end of a run: each stage's time and counts, every failed or killed spec file by name,
 * and the plain closing line `N passed, N failed, N skipped`.
 */
export function runSummary(stages: readonly StageResult[], totalMs: number): string {
  const files = stages.flatMap((s) => s.files);
  const sum = (pick: (f: SpecFileResult) => number) => files.reduce((n, f) => n + pick(f), 0);
  const failedStages = stages.filter((s) => s.failure).length;
  const lines = ['', 'Stages:'];
  for (const stage of stages) {
    const counts = stage.files.length
      ? `${stage.files.length} files, ${stage.files.reduce((n, f) => n + f.passed, 0)} passed, ${stage.files.reduce((n, f) => n + f.failed, 0)} failed`
      : '';
    const note = stage.skipped
      ? `skipped: ${stage.skipped}`
      : stage.failure
        ? `FAILED: ${stage.failure.split('\n')[0]}`
        : counts;
    lines.push(`  ${stage.name.padEnd(46)} ${seconds(stage.durationMs).padStart(9)}  ${note}`);
  }
  lines.push(`  ${'total (wall clock)'.padEnd(46)} ${seconds(totalMs).padStart(9)}`);
  const failedFiles = files.filter((f) => f.failed > 0);
  if (failedFiles.length) {
    lines.push('', 'Failed spec files:');
    for (const f of failedFiles)
      lines.push(
        `  ${relative(repoRoot, f.file)}: ${f.timedOut ? `killed at its time limit after ${seconds(f.durationMs)}` : `${f.failed} failed`}`,
      );
  }
  lines.push(
    '',
    `${sum((f) => f.passed)} passed, ${sum((f) => f.failed) + failedStages} failed, ${sum((f) => f.skipped)} skipped`,
  );
  return `${lines.join('\n')}\n`;
}
