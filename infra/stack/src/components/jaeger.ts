import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { ensureGo, goEnvironment } from '../install/toolchains';
import { infraDir } from '../paths';
import { run } from '../process/run';
import { host, ports, urls, versions } from '../topology';
import type { Component } from './component';

/** Jaeger v2, built by `go install tool` from the module in infra/jaeger. */
const jaeger = new CacheEntry(`jaeger-${versions.jaegerModule}`);

export class JaegerComponent implements Component {
  readonly name = 'jaeger';
  readonly ports = [
    { port: ports.jaegerOtlpGrpc, purpose: 'Jaeger OTLP gRPC receiver' },
    { port: ports.jaegerOtlpHttp, purpose: 'Jaeger OTLP HTTP receiver' },
    { port: ports.jaegerQuery, purpose: 'Jaeger query API' },
    { port: ports.jaegerQueryGrpc, purpose: 'Jaeger query gRPC API' },
    { port: ports.jaegerHealth, purpose: 'Jaeger health check' },
  ];
  readonly endpoint = urls.jaegerQuery;
  readonly startupTimeoutMs = 30_000;
  /**
   * Seen once in CI: restarted between the test stages, just after its predecessor had exited,
   * it exited during start-up without a word in its log. A second start is what an operator
   * would do.
   */
  readonly startAttempts = 3;

  async install(): Promise<void> {
    const go = await ensureGo();
    await jaeger.ensure(`Jaeger ${versions.jaegerModule} (go install tool)`, async (dir) => {
      await run(go, ['install', 'tool'], {
        cwd: join(infraDir, 'jaeger'),
        env: goEnvironment({ GOBIN: dir }),
      });
    });
  }

  async launch() {
    return {
      command: join(jaeger.dir, 'jaeger'),
      args: ['--config', join(infraDir, 'jaeger', 'config.yaml')],
      env: { ...process.env, JAEGER_LISTEN_HOST: host },
    };
  }

  async isHealthy(): Promise<boolean> {
    const [health, query] = await Promise.all([
      fetch(`http://${host}:${ports.jaegerHealth}/status`, { signal: AbortSignal.timeout(2_000) }),
      fetch(`${urls.jaegerQuery}/api/services`, { signal: AbortSignal.timeout(2_000) }),
    ]);
    return health.ok && query.ok;
  }
}
