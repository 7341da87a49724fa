/**
 * npm run bench:orders [-- --seconds 40 --step-seconds 10 --before bench-results/orders-before.json]
 * npm run bench:orders -- --at 2.5 [--seconds 40]   (one steady run at that rate, nothing else)
 *
 * What an order costs and how many the system completes, all in one run on this machine with
 * the whole stack up and tracing on:
 * 1. Saturation: orders offered open loop at rising rates (each for --step-seconds) until the
 *    system stops keeping up (completions fall behind, refusals, or outcomes past 10 s); the
 *    last rate that held is the saturation, in completed orders per second.
 * 2. Cost: a steady run at half of saturation and one at saturation (--seconds each): the CPU
 *    every process used (from /proc: the process and its descendants) per completed order,
 *    and POST latency.
 * 3. Baseline: a no-op saga of the same five activities on the same Temporal server, its
 *    saturation found the same way; orders at saturation as a share of it.
 * 4. Reads: `GET /orders/:id` through the gateway next to a bare Fastify hello-world.
 * 5. Tracing cost: the apps restarted with OpenTelemetry off and the saturation found again;
 *    traced as a share of untraced. The apps are restarted with tracing on afterwards.
 * Prints the figures (beside those of --before, a previous run's JSON) and writes
 * bench-results/orders.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apps, repoRoot, Stack, system } from '@orchard/stack';
import { costTable, type CostColumn } from './cost/cost-table';
import { atRate, saturation, type RateResult } from './cost/open-loop';
import { NoopSagas } from './noop-sagas';
import { ordersAt } from './orders-at-rate';
import { OutcomeWatcher } from './outcome-watcher';
import { measureReads, printReads } from './reads';
import { ShopLoad } from './shop-load';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '40' },
    'step-seconds': { type: 'string', default: '10' },
    before: { type: 'string' },
    at: { type: 'string' },
  },
});
const steadyMs = Number(options.seconds) * 1000;
const stepMs = Number(options['step-seconds']) * 1000;
const stepTiming = { warmupMs: 3_000, measureMs: stepMs, drainMs: 20_000 };
const steadyTiming = { warmupMs: 5_000, measureMs: steadyMs, drainMs: 20_000 };
const log = (line: string) => console.log(line);

/** Restarts the apps with OpenTelemetry on or off; the SDK reads OTEL_SDK_DISABLED at start. */
async function restartApps(stack: Stack, tracing: boolean): Promise<void> {
  await stack.down(apps.map((a) => a.name));
  if (tracing) delete process.env['OTEL_SDK_DISABLED'];
  else process.env['OTEL_SDK_DISABLED'] = 'true';
  await stack.up();
}

const columnOf = (name: string, run: RateResult): CostColumn => ({
  name,
  ordersPerSecond: run.completedPerSecond,
  perOrder: run.cpuMsPerCompleted,
});

interface Result {
  saturation: RateResult;
  halfSaturation: RateResult;
  atSaturation: RateResult;
  noopSaga: RateResult;
  ratioToNoopSaga: number;
  reads: Awaited<ReturnType<typeof measureReads>>;
  untracedSaturation: RateResult;
  tracedShareOfUntraced: number;
}

function previousRun(): Result | undefined {
  if (!options.before) return undefined;
  const path = join(repoRoot, options.before);
  if (!existsSync(path)) throw new Error(`--before: no file ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Result;
}

function report(result: Result, before: Result | undefined): void {
  const columns: CostColumn[] = [
    ...(before
      ? [
          columnOf('before, half load', before.halfSaturation),
          columnOf('before, saturated', before.atSaturation),
        ]
      : []),
    columnOf('half load', result.halfSaturation),
    columnOf('saturated', result.atSaturation),
  ];
  console.log(`\nCPU per completed order, ms (from /proc, every process of the system):`);
  console.log(costTable(columns));
  const half = result.halfSaturation;
  console.log(`
saturation (open loop)       ${result.saturation.completedPerSecond} orders/s completed (outcome p99 ${result.saturation.timeToOutcomeMs['p99']} ms)${before ? `   before: ${before.saturation.completedPerSecond}` : ''}
no-op saga saturation        ${result.noopSaga.completedPerSecond} sagas/s
orders / no-op saga          ${result.ratioToNoopSaga}
CPU per order at half load   ${half.cpuMsPerCompleted.total} ms   (target <= 190 ms)
traced / untraced            ${result.tracedShareOfUntraced}   (untraced saturation ${result.untracedSaturation.completedPerSecond}/s; target >= 0.9)
POST /orders at half load    p50 ${half.acceptLatencyMs['p50']} ms, p99 ${half.acceptLatencyMs['p99']} ms at ${half.offeredPerSecond}/s   (target p99 < 50 ms)`);
  printReads(result.reads, '>= 0.25, p99 < 20 ms');
}

async function main(): Promise<void> {
  const before = previousRun();
  const stack = new Stack(system());
  await stack.install();
  const started = await stack.up();
  const load = new ShopLoad();
  const watcher = new OutcomeWatcher();
  await watcher.start();
  try {
    await load.prepare(20, 40);
    const orders = ordersAt(load, watcher, stepTiming);
    if (options.at !== undefined) {
      const steady = await orders(Number(options.at), steadyTiming);
      console.log(`\nCPU per completed order, ms, at ${options.at}/s:`);
      console.log(costTable([columnOf('steady', steady)]));
      console.log(
        `POST p99 ${steady.acceptLatencyMs['p99']} ms, outcome p99 ${steady.timeToOutcomeMs['p99']} ms`,
      );
      return;
    }
    log(`saturation: open loop, ${stepMs / 1000} s per rate`);
    const { held } = await saturation(orders, { from: 2, factor: 1.25, maxSteps: 16, log });
    const rate = held.offeredPerSecond;
    log(`half of saturation: ${(rate / 2).toFixed(2)}/s for ${steadyMs / 1000} s`);
    const halfSaturation = await orders(rate / 2, steadyTiming);
    log(`saturation: ${rate}/s for ${steadyMs / 1000} s`);
    const atSaturation = await orders(rate, steadyTiming);

    log('baseline: a no-op saga of five activities, open loop');
    const noop = await NoopSagas.start();
    const noopSaga = await saturation((r) => atRate(r, stepTiming, () => noop.fire()), {
      from: 4,
      factor: 1.25,
      maxSteps: 20,
      log,
    }).finally(() => noop.stop());

    log('reads: 32 connections, 15 s each');
    const reads = await measureReads({ connections: 32, durationMs: 15_000 });

    log('saturation again, with tracing off in every app');
    await restartApps(stack, false);
    const untraced = await saturation(orders, {
      from: rate * 0.8,
      factor: 1.1,
      maxSteps: 16,
      log,
    }).finally(() => restartApps(stack, true));

    const result: Result = {
      saturation: held,
      halfSaturation,
      atSaturation,
      noopSaga: noopSaga.held,
      ratioToNoopSaga: Number(
        (held.completedPerSecond / noopSaga.held.completedPerSecond).toFixed(2),
      ),
      reads,
      untracedSaturation: untraced.held,
      tracedShareOfUntraced: Number(
        (held.completedPerSecond / untraced.held.completedPerSecond).toFixed(2),
      ),
    };
    report(result, before);
    mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench-results', 'orders.json'), JSON.stringify(result, null, 2));
  } finally {
    await load.close();
    await watcher.stop();
    if (started.length > 0) await stack.down(started);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
