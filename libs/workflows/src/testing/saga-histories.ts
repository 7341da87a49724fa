import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';

/**
 * Recorded saga histories, committed with the code: one folder per version of the workflow
 * code that recorded them (`libs/workflows/histories/<version>`), one file per path.
 */
export const historiesDir = join(__dirname, '..', '..', 'histories');

/** Writes `history` as `<version>/<path>.json` when asked to (`RECORD_SAGA_HISTORIES=<version>`). */
export async function keepHistory(path: string, history: History): Promise<void> {
  const version = process.env['RECORD_SAGA_HISTORIES'];
  if (!version) return;
  mkdirSync(join(historiesDir, version), { recursive: true });
  writeFileSync(join(historiesDir, version, `${path}.json`), `${historyToJSON(history)}\n`);
}

export interface RecordedHistory {
  version: string;
  path: string;
  history: History;
}

/** Every recorded history of every version. */
export function recordedHistories(): RecordedHistory[] {
  return readdirSync(historiesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name: version }) =>
      readdirSync(join(historiesDir, version))
        .filter((file) => file.endsWith('.json'))
        .map((file) => ({
          version,
          path: file.slice(0, -'.json'.length),
          history: historyFromJSON(
            JSON.parse(readFileSync(join(historiesDir, version, file), 'utf8')),
          ),
        })),
    )
    .sort((a, b) => `${a.version}/${a.path}`.localeCompare(`${b.version}/${b.path}`));
}
