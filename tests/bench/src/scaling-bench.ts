/**
 * npm run bench:scaling [-- --step-seconds 10 --seconds 30]
 *
 * One instance of every app against two (the scaled profile, behind HAProxy), on this machine:
 * 1. Orders: open loop at rising rates until the system stops keeping up (as bench:orders);
 *    the last rate that held is the saturation, in completed orders per second. A steady run
 *    at that rate measures the CPU every process used.
 * 2. Reads: `GET /orders/:id` through the gateway(s), 32 connections, and the CPU it cost.
 * The profiles run one after the other (the other's processes make way). Prints, per profile,
 * orders/s and reads/s, and per process the cores it used in each run; writes
 * bench-results/scaling.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gatewayUrl, ProfileSession, repoRoot } from '@orchard/stack';
import { cpuBetween, readCpu, type CpuByProcess } from './cost/cpu-meter';
import { saturation } from './cost/open-loop';
import { ordersAt } from './orders-at-rate';
import { OutcomeWatcher } from './outcome-watcher';
import { httpLoad } from './http-load';
import { anOrderToRead } from './reads';
import { ShopLoad } from './shop-load';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    'step-seconds': { type: 'string', default: '10' },
  },
});
const stepTiming = {
  warmupMs: 3_000,
  measureMs: Number(options['step-seconds']) * 1000,
  drainMs: 20_000,
};
const steadyTiming = {
  warmupMs: 5_000,
  measureMs: Number(options.seconds) * 1000,
  drainMs: 20_000,
};
const readMs = 15_000;
const idleMs = 15_000;
const log = (line: string) => console.log(line);

interface ProfileResult {
  profile: 'single' | 'scaled';
  ordersPerSecond: number;
  outcomeP99Ms: number;
  readsPerSecond: number;
  readP99Ms: number;
  /** Cores each process used (CPU-ms per ms) while orders flowed at saturation, and during reads. */
  coresAtSaturation: CpuByProcess;
  coresReading: CpuByProcess;
  /** Cores each process used with no load at all: what running it costs before any order. */
  coresIdle: CpuByProcess;
}

const cores = (cpu: CpuByProcess, ms: number): CpuByProcess =>
  Object.fromEntries(
    Object.entries(cpu).map(([part, used]) => [part, Number((used / ms).toFixed(2))]),
  );

async function measure(profile: 'single' | 'scaled'): Promise<ProfileResult> {
  // The stack's components and the CPU meter follow the profile this names.
  process.env['ORCHARD_PROFILE'] = profile;
  log(`\n${profile}: starting`);
  const session = await ProfileSession.open(profile);
  const load = new ShopLoad();
  const watcher = new OutcomeWatcher();
  await watcher.start();
  try {
    await load.prepare(20, 40);
    log(`${profile}: idle, ${idleMs / 1000} s`);
    const idleFrom = readCpu();
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const coresIdle = cores(cpuBetween(idleFrom, readCpu()), idleMs);
    const orders = ordersAt(load, watcher, stepTiming);
    log(`${profile}: warming up, 20 s at 2/s`);
    await orders(2, { warmupMs: 20_000, measureMs: 1_000, drainMs: 10_000 });
    log(`${profile}: saturation, open loop`);
    const { held } = await saturation(orders, { from: 2, factor: 1.25, maxSteps: 16, log });
    log(`${profile}: ${held.offeredPerSecond}/s for ${steadyTiming.measureMs / 1000} s`);
    const steady = await orders(held.offeredPerSecond, steadyTiming);
    log(`${profile}: reads, 32 connections`);
    const { orderId, cookie } = await anOrderToRead();
    const before = readCpu();
    const reads = await httpLoad(gatewayUrl, `/orders/${orderId}`, {
      connections: 32,
      durationMs: readMs,
      headers: { cookie },
    });
    const reading = cpuBetween(before, readCpu());
    return {
      profile,
      ordersPerSecond: steady.completedPerSecond,
      outcomeP99Ms: steady.timeToOutcomeMs['p99'] ?? NaN,
      readsPerSecond: reads.requestsPerSecond,
      readP99Ms: reads.latencyMs.p99,
      coresAtSaturation: cores(steady.cpu, steadyTiming.measureMs),
      coresReading: cores(reading, readMs),
      coresIdle,
    };
  } finally {
    await load.close();
    await watcher.stop();
    await session.close();
  }
}

function report(results: ProfileResult[]): void {
  const header = [
    '',
    ...results.flatMap((r) => [`${r.profile} idle`, `${r.profile} orders`, `${r.profile} reads`]),
  ];
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(24) : c.padStart(16))).join('');
  const parts = [
    ...new Set(
      results.flatMap((r) => [...Object.keys(r.coresAtSaturation), ...Object.keys(r.coresReading)]),
    ),
  ].sort();
  console.log(
    '\ncores used per process (CPU-ms per ms): idle, at order saturation, while reading:',
  );
  console.log(row(header));
  console.log(
    row([
      'orders/s | reads/s',
      ...results.flatMap((r) => ['', String(r.ordersPerSecond), String(r.readsPerSecond)]),
    ]),
  );
  const runs = (r: ProfileResult) => [r.coresIdle, r.coresAtSaturation, r.coresReading];
  for (const part of parts)
    console.log(
      row([part, ...results.flatMap((r) => runs(r).map((run) => (run[part] ?? 0).toFixed(2)))]),
    );
  const system = (run: CpuByProcess) =>
    Object.entries(run)
      .filter(([part]) => part !== 'load generator')
      .reduce((sum, [, used]) => sum + used, 0)
      .toFixed(2);
  console.log(row(['system, in all', ...results.flatMap((r) => runs(r).map(system))]));
  for (const r of results)
    console.log(
      `${r.profile.padEnd(8)} ${r.ordersPerSecond} orders/s completed (outcome p99 ${r.outcomeP99Ms} ms), ${r.readsPerSecond} reads/s (p99 ${r.readP99Ms} ms)`,
    );
}

async function main(): Promise<void> {
  const results = [await measure('single'), await measure('scaled')];
  report(results);
  mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench-results', 'scaling.json'), JSON.stringify(results, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
