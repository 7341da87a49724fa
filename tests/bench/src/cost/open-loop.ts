import { percentiles, perSecond, sleep } from '../stats';
import { cpuBetween, cpuPerOrder, readCpu, type CpuByProcess } from './cpu-meter';

/** One unit of work (an order, a saga): whether it was accepted, and when it finished. */
export interface Fired {
  accepted: boolean;
  /** Time to the acceptance, from the moment it was scheduled. */
  latencyMs: number;
  /** Resolves with the time (ms since the epoch) it finished. */
  finished?: Promise<number>;
}

export interface RateResult {
  offeredPerSecond: number;
  sent: number;
  refused: number;
  acceptLatencyMs: Record<string, number>;
  completedPerSecond: number;
  timeToOutcomeMs: Record<string, number>;
  cpu: CpuByProcess;
  cpuMsPerCompleted: { total: number; byPart: Record<string, number> };
  /** Kept up: completed ≥ 95 % of offered, ≤ 1 % refused, outcome p99 < 10 s. */
  holds: boolean;
}

/**
 * Work offered at a fixed rate whatever the answers do (open loop): latency counts from the
 * scheduled moment, so a slow system cannot slow the load down. After `warmupMs`, `measureMs`
 * are measured: what finished in that window, and the CPU each part of the system used in it.
 * Then it waits (at most `drainMs`) for the rest to finish, so the next run starts clean.
 */
export async function atRate(
  ratePerSecond: number,
  timing: { warmupMs: number; measureMs: number; drainMs: number },
  fire: () => Promise<Fired>,
): Promise<RateResult> {
  const count = Math.floor((ratePerSecond * (timing.warmupMs + timing.measureMs)) / 1000);
  const start = Date.now() + 100;
  const window = { from: start + timing.warmupMs, to: start + timing.warmupMs + timing.measureMs };
  let cpuAtStart: CpuByProcess = {};
  let cpuAtEnd: CpuByProcess = {};
  const marks = [
    sleep(window.from - Date.now()).then(() => (cpuAtStart = readCpu())),
    sleep(window.to - Date.now()).then(() => (cpuAtEnd = readCpu())),
  ];
  const runs = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const scheduled = start + (i * 1000) / ratePerSecond;
      await sleep(Math.max(0, scheduled - Date.now()));
      const fired = await fire();
      return { scheduled, fired };
    }),
  );
  await Promise.all(marks);
  const deadline = sleep(timing.drainMs).then(() => undefined);
  const finishedAt = await Promise.all(
    runs.map(({ fired }) =>
      fired.finished ? Promise.race([fired.finished, deadline]) : undefined,
    ),
  );
  const measured = runs.map((run, i) => ({ ...run, finishedAt: finishedAt[i] }));
  const inWindow = (at: number) => at >= window.from && at < window.to;
  const placedInWindow = measured.filter((m) => inWindow(m.scheduled));
  const completedInWindow = measured.filter(
    (m) => m.finishedAt !== undefined && inWindow(m.finishedAt),
  );
  const refused = placedInWindow.filter((m) => !m.fired.accepted).length;
  const outcomes = placedInWindow.flatMap((m) =>
    m.finishedAt === undefined ? [] : [m.finishedAt - m.scheduled],
  );
  const unfinished = placedInWindow.filter(
    (m) => m.fired.accepted && m.finishedAt === undefined,
  ).length;
  const cpu = cpuBetween(cpuAtStart, cpuAtEnd);
  const completedPerSecond = perSecond(completedInWindow.length, timing.measureMs);
  const timeToOutcomeMs = percentiles(outcomes);
  return {
    offeredPerSecond: Number(ratePerSecond.toFixed(2)),
    sent: placedInWindow.length,
    refused,
    acceptLatencyMs: percentiles(placedInWindow.map((m) => m.fired.latencyMs)),
    completedPerSecond,
    timeToOutcomeMs,
    cpu,
    cpuMsPerCompleted: cpuPerOrder(cpu, Math.max(1, completedInWindow.length)),
    holds:
      completedPerSecond >= 0.95 * ratePerSecond &&
      refused <= 0.01 * placedInWindow.length &&
      unfinished === 0 &&
      (timeToOutcomeMs['p99'] ?? Infinity) < 10_000,
  };
}

/**
 * The highest rate the system keeps up with: offered rates rise by `factor` from `from` until
 * one does not hold; the last that held is the saturation.
 */
export async function saturation(
  runAt: (ratePerSecond: number) => Promise<RateResult>,
  options: { from: number; factor: number; maxSteps: number; log: (line: string) => void },
): Promise<{ held: RateResult; broke: RateResult | undefined; steps: RateResult[] }> {
  const steps: RateResult[] = [];
  let rate = options.from;
  for (let step = 0; step < options.maxSteps; step += 1) {
    const result = await runAt(rate);
    steps.push(result);
    options.log(
      `  ${result.offeredPerSecond.toFixed(2)}/s offered: ${result.completedPerSecond}/s completed, ` +
        `outcome p99 ${result.timeToOutcomeMs['p99']} ms, refused ${result.refused}` +
        `${result.holds ? '' : '  ← does not hold'}`,
    );
    if (!result.holds) break;
    rate *= options.factor;
  }
  const held = [...steps].reverse().find((s) => s.holds);
  if (!held) throw new Error(`not even ${options.from}/s holds`);
  return { held, broke: steps.find((s) => !s.holds), steps };
}
