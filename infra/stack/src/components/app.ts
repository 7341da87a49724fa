import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, statePaths } from '../paths';
import { resolveSecrets, stackSecrets } from '../secrets';
import { appUrl, managementPortOf, type AppDefinition } from '../topology';
import type { Component } from './component';
import { drainInstance, readyInstance } from './haproxy-runtime';

/** One of the system's own apps, run from its compiled output. */
export class AppComponent implements Component {
  readonly name: string;
  readonly ports;
  readonly after: readonly string[];
  readonly endpoint: string;
  /** Probes and /metrics: the platform's port, not the public one. */
  readonly managementUrl: string;
  readonly startupTimeoutMs = 60_000;

  constructor(private readonly app: AppDefinition) {
    this.name = app.name;
    this.managementUrl = appUrl(managementPortOf(app.port));
    this.ports = [
      { port: app.port, purpose: app.name },
      { port: managementPortOf(app.port), purpose: `${app.name} probes and metrics` },
    ];
    this.after = app.needs;
    this.endpoint = appUrl(app.port);
  }

  private get entryPoint(): string {
    return join(repoRoot, 'apps', this.app.instanceOf ?? this.app.name, 'dist', 'main.js');
  }

  async install(): Promise<void> {
    // Built by `tsc -b` in infra/bootstrap.mjs before the stack starts.
    if (!existsSync(this.entryPoint))
      throw new Error(`${this.name} is not built: run npm run build`);
  }

  async launch() {
    return {
      command: process.execPath,
      args: ['--enable-source-maps', ...profilingArgs(this.name), this.entryPoint],
      env: { ...process.env, ...resolveSecrets(this.app.env, stackSecrets()) },
      cwd: repoRoot,
    };
  }

  /** An instance behind HAProxy (scaled profile) comes back into rotation once it is ready. */
  async afterHealthy(): Promise<void> {
    if (this.app.instanceOf) await readyInstance(this.app.instanceOf, this.app.name);
  }

  /** …and leaves it before it stops, finishing the requests it is serving (draining). */
  async beforeStop(): Promise<void> {
    if (this.app.instanceOf) await drainInstance(this.app.instanceOf, this.app.name);
  }

  async isHealthy(): Promise<boolean> {
    const response = await fetch(`${this.managementUrl}/health/ready`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  }
}

/**
 * `ORCHARD_CPU_PROFILE=order-service,gateway` starts those apps under V8's CPU profiler; each
 * writes a .cpuprofile (open it in Chrome DevTools or speedscope) into .stack/profiles when it
 * stops. NODE_OPTIONS may not carry --cpu-prof, hence a variable of the stack's own.
 */
function profilingArgs(app: string): string[] {
  const profiled = (process.env['ORCHARD_CPU_PROFILE'] ?? '').split(',');
  return profiled.includes(app) ? ['--cpu-prof', `--cpu-prof-dir=${statePaths.profiles}`] : [];
}
