import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** What only the services need: the gateway speaks HTTP and Redis, never Kafka or Temporal. */
const servicesOnly = /[\\/]node_modules[\\/](kafkajs|@temporalio[\\/](worker|core-bridge))[\\/]/;

describe("the gateway's process", () => {
  it('loads neither kafkajs nor Temporal, which cost every process that loads them memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-modules-'));
    try {
      // main.js loads every module, then fails to start for want of configuration: the hook
      // writes what was loaded to a file as the process exits (a pipe may lose a long write).
      const hook = join(dir, 'report-loaded-modules.cjs');
      const report = join(dir, 'loaded-modules.json');
      writeFileSync(
        hook,
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`,
      );
      const run = spawnSync(process.execPath, ['--require', hook, join(__dirname, 'main.js')], {
        cwd: join(__dirname, '..'),
        env: { PATH: process.env['PATH'] ?? '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      const loaded = JSON.parse(readFileSync(report, 'utf8')) as string[];
      assert.ok(
        loaded.some((path) => path.endsWith(join('dist', 'app.module.js'))),
        `the gateway's modules were loaded: ${run.stderr}`,
      );
      assert.deepEqual(
        loaded.filter((path) => servicesOnly.test(path)),
        [],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
