/**
 * npm run bench:orders [-- --clients 16 --seconds 20]
 *
 * 1. Saturation: N clients each place an order, wait for its saga's outcome (read from the
 *    order service's history), and place the next, for a fixed time. Accepted and completed
 *    orders per second, POST latency, time from placing an order to its outcome.
 * 2. Half of saturation: orders at half that rate, open loop; POST latency.
 * 3. Baseline: a no-op saga with the same five activities on the same Temporal server, driven
 *    by the same N clients the same way. Our completed orders per second as a ratio of it.
 * 4. Tracing cost: the apps restarted with OpenTelemetry off (OTEL_SDK_DISABLED=true) and the
 *    saturation run again; throughput with tracing as a share of throughput without. The apps
 *    are restarted with tracing on afterwards.
 * Prints the figures and writes bench-results/orders.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { apps, repoRoot, Stack, system, urls } from '@orchard/stack';
import { createNoopSagaActivities } from './noop-saga.activities';
import { noopSagaWorkflow } from './noop-saga.workflow';
import { OutcomeWatcher } from './outcome-watcher';
import { ShopLoad } from './shop-load';
import { percentiles, perSecond, sleep } from './stats';

const { values: options } = parseArgs({
  options: {
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
  },
});
const clients = Number(options.clients);
const measureMs = Number(options.seconds) * 1000;
const warmupMs = Number(options.warmup) * 1000;

interface Window {
  from: number;
  to: number;
}

/** Runs `clients` loops of `task` for warm-up plus the measured window. */
async function closedLoop<T>(
  task: () => Promise<T>,
): Promise<{ window: Window; results: { at: number; result: T }[] }> {
  const start = Date.now();
  const window = { from: start + warmupMs, to: start + warmupMs + measureMs };
  const results: { at: number; result: T }[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < window.to) {
        const at = Date.now();
        const result = await task();
        results.push({ at, result });
      }
    }),
  );
  return { window, results };
}

const inWindow = (at: number, window: Window) => at >= window.from && at < window.to;

async function saturation(load: ShopLoad, watcher: OutcomeWatcher) {
  const { window, results } = await closedLoop(async () => {
    const placed = await load.placeOrder();
    const outcome = placed.orderId ? await watcher.outcome(placed.orderId) : undefined;
    return { ...placed, acceptedAt: Date.now() - placed.latencyMs, outcome };
  });
  const accepted = results.filter((r) => r.result.status === 202 && inWindow(r.at, window));
  const completed = results.flatMap((r) =>
    r.result.outcome ? [{ ...r.result.outcome, placedAt: r.at }] : [],
  );
  return {
    acceptedPerSecond: perSecond(accepted.length, measureMs),
    refusedRequests: results.filter((r) => r.result.status !== 202 && inWindow(r.at, window))
      .length,
    postLatencyMs: percentiles(accepted.map((r) => r.result.latencyMs)),
    completedPerSecond: perSecond(
      completed.filter((o) => inWindow(o.finishedAt, window)).length,
      measureMs,
    ),
    timeToOutcomeMs: percentiles(
      completed.filter((o) => inWindow(o.placedAt, window)).map((o) => o.finishedAt - o.placedAt),
    ),
    outcomes: countBy(completed.map((o) => o.status)),
  };
}

/** Orders at a fixed rate whatever the answers do; latency counts from the scheduled moment. */
async function openLoop(load: ShopLoad, ratePerSecond: number) {
  const count = Math.floor((ratePerSecond * measureMs) / 1000);
  const start = performance.now() + 100;
  const latencies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const scheduled = start + (i * 1000) / ratePerSecond;
      await sleep(Math.max(0, scheduled - performance.now()));
      const { status } = await load.placeOrder();
      return { status, latencyMs: performance.now() - scheduled };
    }),
  );
  return {
    ratePerSecond: Number(ratePerSecond.toFixed(1)),
    requests: count,
    refused: latencies.filter((l) => l.status !== 202).length,
    postLatencyMs: percentiles(latencies.map((l) => l.latencyMs)),
  };
}

async function noopSagaBaseline() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const taskQueue = `bench-noop-saga-${randomUUID()}`;
  const waiting = new Map<string, (at: number) => void>();
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: urls.temporalAddress }),
    taskQueue,
    workflowsPath: require.resolve('./noop-saga.workflow'),
    activities: createNoopSagaActivities((id, at) => waiting.get(id)?.(at)),
  });
  const running = worker.run();
  const client = new Client({
    connection: await Connection.connect({ address: urls.temporalAddress }),
  });
  try {
    const { window, results } = await closedLoop(async () => {
      const id = randomUUID();
      const finished = new Promise<number>((resolve) => waiting.set(id, resolve));
      await client.workflow.start(noopSagaWorkflow, {
        taskQueue,
        workflowId: `noop-${id}`,
        args: [id],
      });
      const at = await finished;
      waiting.delete(id);
      return at;
    });
    return {
      completedPerSecond: perSecond(
        results.filter((r) => inWindow(r.result, window)).length,
        measureMs,
      ),
    };
  } finally {
    worker.shutdown();
    await running;
    await client.connection.close();
  }
}

/** Restarts the apps with OpenTelemetry on or off; the SDK reads OTEL_SDK_DISABLED at start. */
async function restartApps(stack: Stack, tracing: boolean): Promise<void> {
  await stack.down(apps.map((a) => a.name));
  if (tracing) delete process.env['OTEL_SDK_DISABLED'];
  else process.env['OTEL_SDK_DISABLED'] = 'true';
  await stack.up();
}

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>(
    (acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }),
    {},
  );
}

async function main(): Promise<void> {
  const stack = new Stack(system());
  await stack.install();
  const started = await stack.up();
  const load = new ShopLoad();
  const watcher = new OutcomeWatcher();
  await watcher.start();
  try {
    await load.prepare(20, 40);
    console.log(
      `saturation: ${clients} clients, ${measureMs / 1000} s (+${warmupMs / 1000} s warm-up)`,
    );
    const saturated = await saturation(load, watcher);
    console.log(
      `half of saturation: ${(saturated.completedPerSecond / 2).toFixed(1)} orders/s, open loop`,
    );
    const half = await openLoop(load, saturated.completedPerSecond / 2);
    console.log('baseline: a no-op saga of five activities');
    const baseline = await noopSagaBaseline();
    const ratio = Number((saturated.completedPerSecond / baseline.completedPerSecond).toFixed(2));
    console.log('saturation again, with tracing off in every app');
    await restartApps(stack, false);
    const untraced = await saturation(load, watcher).finally(() => restartApps(stack, true));
    const tracingShare = Number(
      (saturated.completedPerSecond / untraced.completedPerSecond).toFixed(2),
    );
    const result = {
      clients,
      seconds: measureMs / 1000,
      saturation: saturated,
      halfSaturation: half,
      noopSaga: baseline,
      ratioToNoopSaga: ratio,
      tracingOff: untraced,
      tracedShareOfUntraced: tracingShare,
    };

    console.log(`
accepted orders/s          ${saturated.acceptedPerSecond}   (refused: ${saturated.refusedRequests})
completed orders/s         ${saturated.completedPerSecond}   (outcomes: ${JSON.stringify(saturated.outcomes)})
POST latency at saturation p50 ${saturated.postLatencyMs.p50} ms, p95 ${saturated.postLatencyMs.p95} ms, p99 ${saturated.postLatencyMs.p99} ms
time to outcome            p50 ${saturated.timeToOutcomeMs.p50} ms, p95 ${saturated.timeToOutcomeMs.p95} ms, p99 ${saturated.timeToOutcomeMs.p99} ms
POST latency at half load  p50 ${half.postLatencyMs.p50} ms, p95 ${half.postLatencyMs.p95} ms, p99 ${half.postLatencyMs.p99} ms  (${half.ratePerSecond} orders/s; target p99 < 50 ms)
no-op saga completed/s     ${baseline.completedPerSecond}
ratio to the no-op saga    ${ratio}   (target >= 0.7)
tracing off: completed/s   ${untraced.completedPerSecond}   (POST p99 ${untraced.postLatencyMs.p99} ms)
traced / untraced          ${tracingShare}   (target >= 0.9)`);
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
