import { readFileSync } from 'node:fs';

/** The last `count` lines of a log file, to say why something failed; `(no log)` if none. */
export function lastLinesOf(file: string, count: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '(no log)';
  }
}
