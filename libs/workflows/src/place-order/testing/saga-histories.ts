import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';

/**
 * Recorded saga histories, committed with the code beside it: one folder per version of the
 * workflow code that recorded them (`src/place-order/histories/<version>`), one file per path.
 * Read from the source folder, as the compiler copies no data into dist.
 */
export const historiesDir = join(__dirname, '..', '..', '..', 'src', 'place-order', 'histories');

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
