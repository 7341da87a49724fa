import { cpuMsOfTree, ManagedProcess, system } from '@orchard/stack';

/** CPU milliseconds used by each part of the system (a process and its descendants). */
export type CpuByProcess = Record<string, number>;

/** The six PostgreSQL clusters count as one part, as one database server would. */
const partOf = (component: string) => (component.startsWith('postgres-') ? 'postgres' : component);

/**
 * Reads the CPU each running component of the stack has used so far, from /proc, grouped by
 * part, plus this process (the load generator, reported apart: it is not the system's cost).
 */
export function readCpu(): CpuByProcess {
  const used: CpuByProcess = {};
  for (const { name } of system()) {
    const pid = new ManagedProcess(name).runningPid();
    if (pid === undefined) continue;
    const part = partOf(name);
    used[part] = (used[part] ?? 0) + cpuMsOfTree([pid]);
  }
  // This process alone: when it started the stack, the stack's processes are its descendants.
  const own = process.cpuUsage();
  used['load generator'] = (own.user + own.system) / 1000;
  return used;
}

/** What each part used between two readings. */
export function cpuBetween(before: CpuByProcess, after: CpuByProcess): CpuByProcess {
  const used: CpuByProcess = {};
  for (const [part, ms] of Object.entries(after)) used[part] = ms - (before[part] ?? 0);
  return used;
}

/** The system's CPU per completed order, by part and in total (the load generator excluded). */
export function cpuPerOrder(used: CpuByProcess, completed: number) {
  const perOrder: Record<string, number> = {};
  let total = 0;
  for (const [part, ms] of Object.entries(used)) {
    if (part === 'load generator') continue;
    perOrder[part] = Number((ms / completed).toFixed(1));
    total += ms;
  }
  return { total: Number((total / completed).toFixed(1)), byPart: perOrder };
}
