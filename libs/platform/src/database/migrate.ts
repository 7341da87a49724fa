import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { assertMigrationOrder, compareMigrationFiles } from './migration-order';

/** Tables every service has because the platform's own mechanisms use them (outbox, inbox). */
export const platformMigrationsDir = join(__dirname, '..', '..', 'migrations');

const migrationsTable = 'schema_migrations';

/**
 * Applies the platform's migrations, then the service's versioned SQL migrations
 * (`NNN_name.sql`, with `-- Up Migration` and `-- Down Migration` sections), with
 * node-pg-migrate under its advisory lock, so instances starting together migrate once.
 */
export async function migrate(
  databaseUrl: string,
  serviceMigrationsDir: string,
): Promise<string[]> {
  // Each folder is its own sequence: checked here, since node-pg-migrate checks one order only.
  assertMigrationOrder(await appliedMigrations(databaseUrl), [
    await migrationNames(platformMigrationsDir),
    await migrationNames(serviceMigrationsDir),
  ]);
  // node-pg-migrate is an ES module; a dynamic import loads it from this CommonJS build.
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({
    databaseUrl,
    // Two folders need glob mode; migrations run in name order across both.
    useGlob: true,
    dir: [join(platformMigrationsDir, '*.sql'), join(serviceMigrationsDir, '*.sql')],
    direction: 'up',
    migrationsTable,
    checkOrder: false,
    singleTransaction: true,
    // Instances starting together: the others wait for the first, then find nothing to do.
    advisoryLockMode: 'wait',
    log: () => undefined,
  });
  return applied.map((m) => m.name);
}

/** A folder's migration names (file names without `.sql`) in the order they run. */
async function migrationNames(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return files
    .filter((file) => file.endsWith('.sql'))
    .sort(compareMigrationFiles)
    .map((file) => file.slice(0, -'.sql'.length));
}

/** The names already applied, in the order they ran; none on a database never migrated. */
async function appliedMigrations(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>(
      'select to_regclass($1) is not null as exists',
      [migrationsTable],
    );
    if (!table.rows[0]?.exists) return [];
    const rows = await client.query<{ name: string }>(
      `select name from ${migrationsTable} order by run_on, id`,
    );
    return rows.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}
