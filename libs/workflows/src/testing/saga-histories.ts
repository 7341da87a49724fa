import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';

/** Recorded saga histories, one per path, committed with the code (`libs/workflows/histories`). */
export const historiesDir = join(__dirname, '..', '..', 'histories');

/** Writes `history` as `<path>.json` when asked to (`RECORD_SAGA_HISTORIES=1`). */
export async function keepHistory(path: string, history: History): Promise<void> {
  if (process.env['RECORD_SAGA_HISTORIES'] !== '1') return;
  mkdirSync(historiesDir, { recursive: true });
  writeFileSync(join(historiesDir, `${path}.json`), `${historyToJSON(history)}\n`);
}

/** Every recorded history, by path. */
export function recordedHistories(): { path: string; history: History }[] {
  return readdirSync(historiesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      path: file.slice(0, -'.json'.length),
      history: historyFromJSON(JSON.parse(readFileSync(join(historiesDir, file), 'utf8'))),
    }));
}
