import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { CacheEntry } from '../install/cache';
import { ensureGo, goEnvironment } from '../install/toolchains';
import { statePaths } from '../paths';
import { run } from '../process/run';
import { host, ports, urls, versions } from '../topology';
import type { Component } from './component';

/** The Temporal CLI, whose `server start-dev` is a complete Temporal server on SQLite. */
const temporalCli = new CacheEntry(`temporal-cli-${versions.temporalCli}`);
export const temporalBinary = () => join(temporalCli.dir, 'temporal');

export class TemporalComponent implements Component {
  readonly name = 'temporal';
  readonly ports = [
    { port: ports.temporalFrontend, purpose: 'Temporal frontend (gRPC)' },
    { port: ports.temporalUi, purpose: 'Temporal web UI' },
  ];
  readonly endpoint = urls.temporalUi;
  readonly startupTimeoutMs = 60_000;
  /**
   * The dev server picks free ports for its internal services when it starts and binds them a
   * moment later; another process starting meanwhile can take one, and then the server gives
   * up after some seconds. Seen once in a CI run; a second start picks other ports.
   */
  readonly startAttempts = 3;

  async install(): Promise<void> {
    const go = await ensureGo();
    await temporalCli.ensure(`Temporal CLI ${versions.temporalCli} (go install)`, async (dir) => {
      await run(
        go,
        ['install', `github.com/temporalio/cli/cmd/temporal@v${versions.temporalCli}`],
        { env: goEnvironment({ GOBIN: dir }) },
      );
    });
  }

  async launch() {
    const dataDir = statePaths.data(this.name);
    mkdirSync(dataDir, { recursive: true });
    return {
      command: temporalBinary(),
      args: [
        'server',
        'start-dev',
        '--ip',
        host,
        '--port',
        String(ports.temporalFrontend),
        '--ui-port',
        String(ports.temporalUi),
        '--db-filename',
        join(dataDir, 'temporal.sqlite'),
        // WAL and relaxed syncing: a dev server on one disk is otherwise bound by fsync. A crash
        // of the machine may lose the last moments; a crash of any process loses nothing.
        '--sqlite-pragma',
        'journal_mode=wal',
        '--sqlite-pragma',
        'synchronous=normal',
        // One partition per task queue: with a handful of pollers, more partitions only add
        // forwarding hops between them.
        '--dynamic-config-value',
        'matching.numTaskqueueReadPartitions=1',
        '--dynamic-config-value',
        'matching.numTaskqueueWritePartitions=1',
        '--log-level',
        'warn',
        '--log-format',
        'json',
      ],
      // A quarter of the dev server's CPU under load was Go's garbage collector: collecting at
      // 4x the live heap instead of 2x halves that, for some 100 MB more memory.
      env: { ...process.env, GOGC: '400' },
    };
  }

  async isHealthy(): Promise<boolean> {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({
        address: urls.temporalAddress,
        connectTimeout: 1_000,
      });
      const response = await connection.healthService.check({});
      // 1 is SERVING in gRPC's health protocol.
      return response.status === 1;
    } catch {
      return false;
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }
}
