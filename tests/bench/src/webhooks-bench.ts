/**
 * npm run bench:webhooks [-- --orders 100 --rate 5]
 *
 * Outbound webhooks under a steady trickle of orders, with three partners listening on this
 * machine: a healthy one (order.placed and order.confirmed), a flaky one that fails each
 * delivery twice before taking it, and a slow one that answers after 8 s, past the sender's
 * 5 s wait. Prints the healthy partner's latency from the event's time to its receipt (CDC,
 * the receiver's consumer, the queue, the sender), the waits between the flaky partner's
 * attempts, the attempts the slow one cost, and the read-model service's CPU per delivery;
 * writes bench-results/webhooks.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { call, customerWith, placeOrder, stockedProduct } from '@orchard/e2e';
import { deliveryOf, registerPartner } from '@orchard/e2e/webhook-partners';
import { TestReceiver } from '@orchard/e2e/webhook-receiver';
import { cpuMsOfTree, ManagedProcess, repoRoot, waitFor } from '@orchard/stack';
import { runBenchmark } from './run-benchmark';
import { percentiles, sleep } from './stats';

const { values: options } = parseArgs({
  options: { orders: { type: 'string', default: '100' }, rate: { type: 'string', default: '5' } },
});
const orders = Number(options.orders);
const rate = Number(options.rate);

const register = async (receiver: TestReceiver, eventTypes: string[]) =>
  (await registerPartner(receiver, eventTypes)).id;

async function measure() {
  const healthy = new TestReceiver();
  const flaky = new TestReceiver((attempt) => ({ status: attempt <= 2 ? 503 : 204 }));
  const slow = new TestReceiver(() => ({ status: 204, delayMs: 8_000 }));
  const endpoints = [
    await register(healthy, ['order.placed', 'order.confirmed']),
    await register(flaky, ['order.placed']),
    await register(slow, ['order.placed']),
  ];
  const [, flakyId, slowId] = endpoints as [string, string, string];
  try {
    const product = await stockedProduct(orders, 100);
    const customer = await customerWith(orders * 100);
    const readModel = new ManagedProcess('read-model-service').runningPid();
    if (readModel === undefined) throw new Error('read-model-service is not running');
    const cpuBefore = cpuMsOfTree([readModel]);
    const began = Date.now();

    const orderIds: string[] = [];
    for (let n = 0; n < orders; n++) {
      const due = began + (n * 1000) / rate;
      await sleep(Math.max(0, due - Date.now()));
      const { body } = await placeOrder(customer, [{ sku: product.sku, quantity: 1 }]);
      orderIds.push(body.orderId);
    }
    const ours = (receiver: TestReceiver, type: string) =>
      receiver.received.filter(
        (r) => r.event.type === type && orderIds.includes(String(r.event.data['orderId'])),
      );
    await waitFor(
      async () =>
        ours(healthy, 'order.placed').length === orders &&
        ours(healthy, 'order.confirmed').length === orders &&
        ours(flaky, 'order.placed').length === orders,
      { timeoutMs: 120_000, intervalMs: 200, what: 'every delivery taken by its partner' },
    );
    const elapsedMs = Date.now() - began;
    const cpuMs = cpuMsOfTree([readModel]) - cpuBefore;

    const latency = (type: string) =>
      percentiles(ours(healthy, type).map((r) => r.receivedAt - Date.parse(r.event.occurredAt)));
    const flakyDeliveries = await Promise.all(
      ours(flaky, 'order.placed').map((r) => deliveryOf(flakyId, r.event.id)),
    );
    const attemptTimes = flakyDeliveries.map((d) => d?.attempts.map((a) => Date.parse(a.at)) ?? []);
    const waits = (n: number) =>
      percentiles(
        attemptTimes.map((t) => (t[n + 1] ?? NaN) - (t[n] ?? NaN)).filter(Number.isFinite),
      );
    const slowDeliveries = await Promise.all(
      ours(healthy, 'order.placed').map((r) => deliveryOf(slowId, r.event.id)),
    );
    const slowAttempts = slowDeliveries.reduce((sum, d) => sum + (d?.attempts.length ?? 0), 0);
    const deliveries = orders * 3 + slowAttempts;
    const figures = {
      orders,
      ratePerSecond: rate,
      healthyLatencyMs: { placed: latency('order.placed'), confirmed: latency('order.confirmed') },
      flakyAttempts: percentiles(flakyDeliveries.map((d) => d?.attempts.length ?? 0)),
      flakyWaitsMs: { first: waits(0), second: waits(1) },
      slowAttemptsMade: slowAttempts,
      readModelCores: Number((cpuMs / elapsedMs).toFixed(2)),
      cpuMsPerAttempt: Number((cpuMs / deliveries).toFixed(2)),
    };
    console.log(`
${orders} orders at ${rate}/s, three partners
healthy partner, event time to receipt   order.placed    p50 ${figures.healthyLatencyMs.placed['p50']} ms  p95 ${figures.healthyLatencyMs.placed['p95']} ms  p99 ${figures.healthyLatencyMs.placed['p99']} ms
                                         order.confirmed p50 ${figures.healthyLatencyMs.confirmed['p50']} ms  p95 ${figures.healthyLatencyMs.confirmed['p95']} ms  p99 ${figures.healthyLatencyMs.confirmed['p99']} ms
flaky partner (fails twice)              attempts p50 ${figures.flakyAttempts['p50']}; wait before the 2nd p50 ${figures.flakyWaitsMs.first['p50']} ms, before the 3rd p50 ${figures.flakyWaitsMs.second['p50']} ms
slow partner (answers after 8 s)         ${slowAttempts} attempts made meanwhile, each given up after 5 s
read-model-service                       ${figures.readModelCores} cores, ${figures.cpuMsPerAttempt} ms CPU per attempt (all its work included)`);
    const dir = join(repoRoot, 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'webhooks.json'), `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    for (const id of endpoints) await call('DELETE', `/admin/webhook-endpoints/${id}`);
    await Promise.all([healthy.stop(), flaky.stop(), slow.stop()]);
  }
}

runBenchmark('single', measure);
