import { Client } from 'pg';
import {
  ManagedProcess,
  postgresClusters,
  postgresUrl,
  residentBytesOfTrees,
  system,
} from '@orchard/stack';

/** One reading: each process's resident memory and each table's size, in MiB. */
export interface Sample {
  at: number;
  memory: Record<string, number>;
  tables: Record<string, number>;
}

const mib = (bytes: number) => bytes / 1024 / 1024;

function memoryByProcess(): Record<string, number> {
  const memory: Record<string, number> = {};
  for (const { name } of system('scaled')) {
    const pid = new ManagedProcess(name).runningPid();
    if (pid !== undefined) memory[name] = mib(residentBytesOfTrees([pid]));
  }
  return memory;
}

/** Every table of every owner's database with its indexes and TOAST, as `owner.table`. */
async function tableSizes(): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const { owner } of postgresClusters) {
    const db = new Client({ connectionString: postgresUrl(owner) });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string; bytes: string }>(
        `select c.relname as name, pg_total_relation_size(c.oid) as bytes
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'r' and n.nspname = 'public'`,
      );
      for (const row of rows) sizes[`${owner}.${row.name}`] = mib(Number(row.bytes));
    } finally {
      await db.end();
    }
  }
  return sizes;
}

/** Samples every `everyMs` for `durationMs`. */
export async function soakSamples(
  durationMs: number,
  everyMs: number,
  log: (line: string) => void,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const end = Date.now() + durationMs;
  for (;;) {
    samples.push({ at: Date.now(), memory: memoryByProcess(), tables: await tableSizes() });
    const left = end - Date.now();
    if (left <= 0) return samples;
    if (samples.length % 10 === 0) log(`  ${Math.round(left / 60_000)} min to go`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(everyMs, left)));
  }
}

export interface Slope {
  name: string;
  first: number;
  last: number;
  /** Least-squares slope over all samples, per hour. */
  perHour: number;
}

function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  const covariance = points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const variance = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}

function slopesOf(samples: Sample[], series: (s: Sample) => Record<string, number>): Slope[] {
  const names = [...new Set(samples.flatMap((s) => Object.keys(series(s))))];
  const start = samples[0]?.at ?? 0;
  return names
    .map((name) => {
      const points = samples.flatMap((s) => {
        const y = series(s)[name];
        return y === undefined ? [] : [{ x: (s.at - start) / 3_600_000, y }];
      });
      return {
        name,
        first: points[0]?.y ?? 0,
        last: points.at(-1)?.y ?? 0,
        perHour: slope(points),
      };
    })
    .sort((a, b) => b.last - a.last);
}

/** Each process's and each table's growth per hour, largest first. */
export function slopesPerHour(samples: Sample[]): { memory: Slope[]; tables: Slope[] } {
  return { memory: slopesOf(samples, (s) => s.memory), tables: slopesOf(samples, (s) => s.tables) };
}
