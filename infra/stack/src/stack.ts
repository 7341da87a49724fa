import { existsSync, readFileSync } from 'node:fs';
import type { Component } from './components';
import { ManagedProcess } from './process/managed-process';
import { isPortInUse } from './process/ports';
import { progress } from './progress';
import { TimeoutError, waitFor } from './wait';

export class StartFailure extends Error {}

/** The process ended before it was healthy: for some components worth a second try. */
class ExitedDuringStartUp extends StartFailure {}

export type ComponentState = 'healthy' | 'unhealthy' | 'stopped';

async function safeHealth(component: Component): Promise<boolean> {
  return component.isHealthy().catch(() => false);
}

/** Installs, starts, checks and stops a set of components as plain processes. */
export class Stack {
  constructor(private readonly components: readonly Component[]) {}

  find(name: string): Component {
    const component = this.components.find((c) => c.name === name);
    if (!component)
      throw new Error(
        `unknown component '${name}'; known: ${this.components.map((c) => c.name).join(', ')}`,
      );
    return component;
  }

  /** The named components and what they start after; all of them when no name is given. */
  select(names: readonly string[]): Stack {
    if (names.length === 0) return this;
    const chosen = new Set<string>();
    const add = (name: string) => {
      if (chosen.has(name)) return;
      chosen.add(name);
      for (const dependency of this.find(name).after ?? []) add(dependency);
    };
    names.forEach(add);
    return new Stack(this.components.filter((c) => chosen.has(c.name)));
  }

  async install(): Promise<void> {
    // Sequential on purpose: apt and Maven must not run twice at once, and Go builds share the cores.
    for (const component of this.components) await component.install();
  }

  /** Starts whatever is not running yet, each as soon as what it needs is healthy. Idempotent. */
  /**
   * Returns the names of the components this call started (not those already running). They
   * are also added to `launched` as they start, so a caller still knows them if `up` fails.
   */
  async up(launched: string[] = []): Promise<string[]> {
    const started = new Map<string, Promise<void>>();
    const startOne = (component: Component): Promise<void> => {
      let pending = started.get(component.name);
      if (!pending) {
        pending = Promise.all(
          (component.after ?? []).map((name) => startOne(this.find(name))),
        ).then(() => this.startComponent(component, launched));
        started.set(component.name, pending);
      }
      return pending;
    };
    const results = await Promise.allSettled(this.components.map(startOne));
    const failures = results.flatMap((r) =>
      r.status === 'rejected' ? [String((r.reason as Error).message)] : [],
    );
    if (failures.length > 0) throw new StartFailure([...new Set(failures)].join('\n'));
    return launched;
  }

  private async startComponent(component: Component, launched: string[]): Promise<void> {
    const attempts = component.startAttempts ?? 1;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.startOnce(component, launched);
        return;
      } catch (error) {
        const exited = error instanceof ExitedDuringStartUp;
        if (!exited || attempt >= attempts) throw error;
        progress.warn(`${(error as Error).message}\n${component.name}: starting it again`);
      }
    }
  }

  private async startOnce(component: Component, launched: string[]): Promise<void> {
    const managed = new ManagedProcess(component.name);
    if (managed.runningPid() === undefined) {
      if (!launched.includes(component.name)) launched.push(component.name);
      for (const { port, purpose } of component.ports) {
        // A process that just died may hold its port for a moment while the kernel closes it.
        const released = await waitFor(async () => !(await isPortInUse(port)), {
          timeoutMs: 5_000,
          intervalMs: 100,
          what: `port ${port}`,
        }).then(
          () => true,
          () => false,
        );
        if (!released) {
          throw new StartFailure(
            `${component.name}: port ${port} (${purpose}) is already in use by another process`,
          );
        }
      }
      await component.prepare?.();
      const pid = managed.start(await component.launch());
      progress.step(`${component.name}: started (pid ${pid})`);
    }
    const because = (reason: string) =>
      `${component.name}: ${reason}; the last lines of its log (${managed.logFile}):\n${managed
        .logTail()
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')}`;
    try {
      await waitFor(
        async () => managed.runningPid() === undefined || (await safeHealth(component)),
        {
          timeoutMs: component.startupTimeoutMs,
          intervalMs: 200,
          what: `${component.name} to become healthy`,
        },
      );
    } catch (error) {
      throw new StartFailure(because((error as Error).message));
    }
    const liveness = managed.liveness();
    if (!liveness.running)
      throw new ExitedDuringStartUp(because(`not running after start-up: ${liveness.reason}`));
    await component.afterHealthy?.();
    progress.step(`${component.name}: healthy`);
  }

  /** Stops the processes this stack started (only the named ones, if any), by pid, dependants first. */
  async down(names: readonly string[] = []): Promise<void> {
    const chosen = names.length ? names.map((n) => this.find(n)) : this.components;
    const reversed = [...chosen].reverse();
    // Dependants first (Connect before Kafka), the rest in parallel.
    const dependants = reversed.filter((c) => c.after?.length);
    const others = reversed.filter((c) => !c.after?.length);
    for (const group of [dependants, others]) {
      await Promise.all(
        group.map(async (component) => {
          const managed = new ManagedProcess(component.name);
          if (managed.runningPid() !== undefined) await component.beforeStop?.();
          const stopped = await managed.stop(component.stopSignal);
          if (stopped) progress.step(`${component.name}: stopped`);
        }),
      );
    }
  }

  async state(component: Component): Promise<{ state: ComponentState; pid?: number }> {
    const pid = new ManagedProcess(component.name).runningPid();
    if (pid === undefined) return { state: 'stopped' };
    return { state: (await safeHealth(component)) ? 'healthy' : 'unhealthy', pid };
  }

  async allHealthy(): Promise<boolean> {
    const states = await Promise.all(this.components.map((c) => this.state(c)));
    return states.every((s) => s.state === 'healthy');
  }

  async status(): Promise<string> {
    const rows = await Promise.all(
      this.components.map(async (c) => {
        const { state, pid } = await this.state(c);
        return [c.name, state, pid ? String(pid) : '-', c.endpoint ?? ''];
      }),
    );
    return table([['component', 'state', 'pid', 'endpoint'], ...rows]);
  }

  logs(name: string, lines = 200): string {
    const managed = new ManagedProcess(this.find(name).name);
    if (!existsSync(managed.logFile)) return `${name}: no log yet (${managed.logFile})`;
    const content = readFileSync(managed.logFile, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
    return `${content}\n(log: ${managed.logFile})`;
  }
}

export { TimeoutError };

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
