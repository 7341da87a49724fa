import type { Database } from './database';

/**
 * Runs a bounded delete until it deletes fewer rows than a batch, so no statement holds many
 * locks or writes much WAL at once. `statement` deletes at most `batchSize` rows (its last
 * parameter) and answers one row `{ n }` with how many it deleted. Returns the total.
 */
export async function deleteInBatches(
  database: Database,
  statement: string,
  values: readonly unknown[],
  batchSize: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await database.query<{ n: number }>(statement, [...values, batchSize]);
    const n = rows[0]?.n ?? 0;
    deleted += n;
    if (n < batchSize) return deleted;
  }
}
