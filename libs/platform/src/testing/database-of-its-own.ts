import { scratchDatabase } from '@orchard/stack';
import type { DatabaseOwner } from '@orchard/stack';
import { Database } from '../database/database';
import { migrate } from '../database/migrate';

/** A spec's own migrated database in a service's cluster, and the way to be rid of it. */
export interface DatabaseOfItsOwn {
  url: string;
  database: Database;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/**
 * A new database in `owner`'s PostgreSQL, migrated with the service's migrations: nothing the
 * running service (or its outbox connector) does can make a spec pass, and nothing the spec
 * writes reaches the running system.
 */
export async function databaseOfItsOwn(
  owner: DatabaseOwner,
  purpose: string,
  migrationsDir: string,
): Promise<DatabaseOfItsOwn> {
  const scratch = await scratchDatabase(owner, purpose);
  await migrate(scratch.url, migrationsDir);
  const database = new Database(scratch.url, { applicationName: `${owner}-spec-${purpose}` });
  return {
    url: scratch.url,
    database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
