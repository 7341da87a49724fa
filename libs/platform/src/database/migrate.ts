import type { Logger } from 'pino';

/**
 * Applies a service's versioned SQL migrations (`NNN_name.sql`, with `-- Up Migration` and
 * `-- Down Migration` sections) with node-pg-migrate, under its advisory lock, so several
 * instances starting together migrate once.
 */
export async function migrate(
  databaseUrl: string,
  migrationsDir: string,
  logger?: Logger,
): Promise<void> {
  // node-pg-migrate is an ES module; a dynamic import loads it from this CommonJS build.
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({
    databaseUrl,
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    checkOrder: true,
    singleTransaction: true,
    log: () => undefined,
  });
  for (const migration of applied) logger?.info({ migration: migration.name }, 'applied migration');
}
