import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { apps, closedPort, repoRoot, resolveSecrets, stackSecrets, waitFor } from '@orchard/stack';
import { rawRequest } from './raw-http';

/**
 * A gateway process of the test's own, next to the stack's, with the stack's settings plus
 * `overrides`: same Redis and services, its own port. Stopped by its own pid.
 */
export class GatewayProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    /** Its probes and /metrics. */
    readonly managementPort: number,
  ) {}

  static async start(overrides: Record<string, string>): Promise<GatewayProcess> {
    const gateway = apps.find((app) => app.name === 'gateway');
    if (!gateway) throw new Error('the stack has no gateway');
    const port = await closedPort();
    const managementPort = await closedPort();
    const child = spawn(process.execPath, [join(repoRoot, 'apps', 'gateway', 'dist', 'main.js')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...resolveSecrets(gateway.env, stackSecrets()),
        ...overrides,
        PORT: String(port),
        MANAGEMENT_PORT: String(managementPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').slice(-20));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const started = new GatewayProcess(child, port, managementPort);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`the second gateway exited with ${code}`))),
    );
    exited.catch(() => undefined); // also exits, as it should, when stopped
    try {
      await Promise.race([
        exited,
        waitFor(
          async () =>
            (await rawRequest({ port: managementPort, path: '/health/ready' })).status === 200,
          {
            timeoutMs: 30_000,
            intervalMs: 100,
            what: `a second gateway on port ${port} to be ready`,
          },
        ),
      ]);
    } catch (error) {
      await started.stop();
      throw new Error(`${(error as Error).message}; it said: ${output.slice(-5).join(' | ')}`);
    }
    return started;
  }

  /** Its process id (to measure the CPU it uses). */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the gateway process has no pid');
    return this.child.pid;
  }

  /** Kills it with SIGKILL, by its pid: no shutdown hook runs, as in a power cut. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Stops it cleanly by its pid, or for good if it has not exited within 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
