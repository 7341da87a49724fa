import { join } from 'node:path';

/** Tables every service has because the platform's own mechanisms use them (the outbox). */
export const platformMigrationsDir = join(__dirname, '..', '..', 'migrations');

/**
 * Applies the platform's migrations, then the service's versioned SQL migrations
 * (`NNN_name.sql`, with `-- Up Migration` and `-- Down Migration` sections), with
 * node-pg-migrate under its advisory lock, so instances starting together migrate once.
 */
export async function migrate(
  databaseUrl: string,
  serviceMigrationsDir: string,
): Promise<string[]> {
  // node-pg-migrate is an ES module; a dynamic import loads it from this CommonJS build.
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({
    databaseUrl,
    // Two folders need glob mode; migrations run in name order across both.
    useGlob: true,
    dir: [join(platformMigrationsDir, '*.sql'), join(serviceMigrationsDir, '*.sql')],
    direction: 'up',
    migrationsTable: 'schema_migrations',
    checkOrder: true,
    singleTransaction: true,
    log: () => undefined,
  });
  return applied.map((m) => m.name);
}
