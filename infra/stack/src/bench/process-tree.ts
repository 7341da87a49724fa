import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parens). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process ended while we looked
  }
}

/** Parent pid of every live process, read from /proc. */
function parentPids(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields) parents.set(Number(entry), Number(fields[1]));
  }
  return parents;
}

/** The given processes and all their live descendants. */
export function processTree(rootPids: readonly number[]): Set<number> {
  const parents = parentPids();
  const members = new Set(rootPids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!members.has(pid) && members.has(parent)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  return members;
}

/** Clock ticks per second of /proc's CPU times: USER_HZ, 100 on Linux. */
const ticksPerSecond = 100;

/**
 * CPU time a process tree has used, in milliseconds: user and system time of each live member,
 * plus what its members' ended children used (a PostgreSQL backend that exited counts in its
 * postmaster's). The difference of two readings is the CPU used in between.
 */
export function cpuMsOfTree(rootPids: readonly number[]): number {
  let ticks = 0;
  for (const pid of processTree(rootPids)) {
    const fields = statFields(pid);
    // utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the command name.
    if (fields) ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  }
  return (ticks * 1000) / ticksPerSecond;
}

function residentKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of the given processes and all their descendants, in bytes. */
export function residentBytesOfTrees(rootPids: readonly number[]): number {
  let total = 0;
  for (const pid of processTree(rootPids)) total += residentKiB(pid);
  return total * 1024;
}
