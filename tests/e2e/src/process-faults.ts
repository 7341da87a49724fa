import assert from 'node:assert/strict';
import { ManagedProcess, waitFor } from '@orchard/stack';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a component with SIGKILL: no shutdown hook, no goodbye, like a power cut. */
export async function killHard(name: string): Promise<void> {
  const pid = new ManagedProcess(name).runningPid();
  assert.ok(pid, `${name} is running`);
  process.kill(pid, 'SIGKILL');
  await waitFor(async () => !isAlive(pid), { timeoutMs: 10_000, what: `${name} to die` });
}
