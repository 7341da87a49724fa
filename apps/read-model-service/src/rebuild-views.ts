import 'reflect-metadata';
import { runMain } from '@orchard/platform/process';
import { loadRebuildConfig } from './config';
import { rebuildViews } from './rebuild/rebuild';

/**
 * `node apps/read-model-service/dist/rebuild.js` (npm run readmodels:rebuild): rebuilds every
 * view from the topics into fresh tables and swaps them in, while the service goes on serving.
 */
runMain(async () => {
  const config = loadRebuildConfig();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const result = await rebuildViews({
    databaseUrl: config.DATABASE_URL,
    brokers: config.KAFKA_BROKERS,
    log,
  });
  const rows = Object.entries(result.rows).map(([table, n]) => `${table} ${n}`);
  log(`rebuilt from ${result.events} events in ${result.tookMs} ms: ${rows.join(', ')}`);
});
