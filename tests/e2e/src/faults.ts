import { randomBytes } from 'node:crypto';
import type { DatabaseOwner } from '@orchard/stack';
import { withDatabase } from './invariants';

/**
 * Makes `owner`'s database refuse writes to `table` that match `condition` (SQL over `new`),
 * as a bug or a column too small would: each attempt fails with a PostgreSQL error, which the
 * saga retries like any infrastructure error. Returns the way to lift the fault.
 */
export async function refuseWrites(
  owner: DatabaseOwner,
  table: string,
  condition: string,
): Promise<() => Promise<void>> {
  const name = `test_fault_${randomBytes(4).toString('hex')}`;
  await withDatabase(owner, async (db) => {
    await db.query(`create function ${name}() returns trigger language plpgsql as $$
      begin
        if ${condition} then raise exception 'refused by a test fault (${name})'; end if;
        return new;
      end $$`);
    await db.query(
      `create trigger ${name} before insert or update on ${table}
         for each row execute function ${name}()`,
    );
  });
  return () =>
    withDatabase(owner, async (db) => {
      await db.query(`drop trigger if exists ${name} on ${table}`);
      await db.query(`drop function if exists ${name}()`);
    });
}
