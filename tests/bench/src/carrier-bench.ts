/**
 * npm run bench:carrier [-- --orders 100 --rate 5]
 *
 * The inbound webhook under a steady trickle of orders of two parcels each, with the carrier
 * process reporting as it does (out of order and twice at times). Prints how long the gateway
 * took to answer the carrier, how long an update waited in shipping's queue before it was
 * applied (those that arrived early: until the ones before them came), from the carrier's
 * delivery to the shop's, from dispatch to delivery, and the CPU the gateway, shipping and the
 * carrier spent per update; writes bench-results/carrier.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { customerWith, placeOrder, stockedProduct } from '@orchard/e2e';
import { scrapeMetrics, seriesSum } from '@orchard/e2e/metrics';
import {
  appPorts,
  cpuMsOfTree,
  ManagedProcess,
  postgresUrl,
  repoRoot,
  waitFor,
} from '@orchard/stack';
import { runBenchmark } from './run-benchmark';
import { percentiles, sleep } from './stats';

const { values: options } = parseArgs({
  options: { orders: { type: 'string', default: '100' }, rate: { type: 'string', default: '5' } },
});
const orders = Number(options.orders);
const rate = Number(options.rate);

/** The gateway's answers on the webhook between two scrapes: count, mean, and bucket bounds. */
function webhookAnswers(before: string, after: string) {
  const metric = 'http_server_request_duration_seconds';
  const labels = { route: '/carrier/webhooks', status_code: '202' };
  const delta = (name: string, extra: Record<string, string> = {}) =>
    seriesSum(after, name, { ...labels, ...extra }) -
    seriesSum(before, name, { ...labels, ...extra });
  const count = delta(`${metric}_count`);
  const bounds = ['0.002', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5'];
  const within = (share: number) =>
    bounds.find((le) => delta(`${metric}_bucket`, { le }) >= share * count) ?? 'Infinity';
  return {
    answered: count,
    meanMs: Number(((delta(`${metric}_sum`) / count) * 1000).toFixed(1)),
    p50AtMostMs: Number(within(0.5)) * 1000,
    p95AtMostMs: Number(within(0.95)) * 1000,
    p99AtMostMs: Number(within(0.99)) * 1000,
  };
}

interface UpdateRow {
  parcel_id: string;
  sequence: number;
  status: string;
  early: boolean;
  queued_ms: number;
  reported_to_applied_ms: number;
  dispatch_to_applied_ms: number;
}

async function updatesOf(orderIds: readonly string[]): Promise<UpdateRow[]> {
  const db = new Client({ connectionString: postgresUrl('shipping') });
  await db.connect();
  try {
    const { rows } = await db.query<UpdateRow>(
      `select u.parcel_id, u.sequence, u.status,
              u.received_at < coalesce((select v.received_at from carrier_updates v
                where v.parcel_id = u.parcel_id and v.sequence = u.sequence - 1), u.received_at) as early,
              extract(epoch from u.applied_at - u.received_at) * 1000 as queued_ms,
              extract(epoch from u.applied_at - u.occurred_at) * 1000 as reported_to_applied_ms,
              extract(epoch from u.applied_at - p.dispatched_at) * 1000 as dispatch_to_applied_ms
         from carrier_updates u join parcels p on p.id = u.parcel_id
        where p.order_id = any($1::uuid[])`,
      [orderIds],
    );
    return rows;
  } finally {
    await db.end();
  }
}

async function delivered(orderIds: readonly string[]): Promise<number> {
  const db = new Client({ connectionString: postgresUrl('shipping') });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from shipments where order_id = any($1::uuid[]) and status = 'DELIVERED'`,
      [orderIds],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await db.end();
  }
}

async function measure() {
  const north = await stockedProduct(orders, 100, 'north');
  const south = await stockedProduct(orders, 100, 'south');
  const customer = await customerWith(orders * 200);
  const processes = ['gateway', 'shipping-service', 'carrier-simulator'] as const;
  const pids = processes.map((name) => {
    const pid = new ManagedProcess(name).runningPid();
    if (pid === undefined) throw new Error(`${name} is not running`);
    return pid;
  });
  const cpuEachBefore = pids.map((pid) => cpuMsOfTree([pid]));
  const gatewayBefore = await scrapeMetrics(appPorts.gateway);
  const shippingBefore = await scrapeMetrics(appPorts.shipping);
  const cpuBefore = cpuMsOfTree(pids);
  const began = Date.now();

  const orderIds: string[] = [];
  for (let n = 0; n < orders; n++) {
    await sleep(Math.max(0, began + (n * 1000) / rate - Date.now()));
    const { body } = await placeOrder(customer, [
      { sku: north.sku, quantity: 1 },
      { sku: south.sku, quantity: 1 },
    ]);
    orderIds.push(body.orderId);
  }
  await waitFor(async () => (await delivered(orderIds)) === orders, {
    timeoutMs: 180_000,
    intervalMs: 200,
    what: 'every order delivered',
  });
  const elapsedMs = Date.now() - began;
  const cpuMs = cpuMsOfTree(pids) - cpuBefore;
  const cpuEach = pids.map((pid, i) => cpuMsOfTree([pid]) - (cpuEachBefore[i] ?? 0));
  const gatewayAfter = await scrapeMetrics(appPorts.gateway);
  const shippingAfter = await scrapeMetrics(appPorts.shipping);

  const updates = await updatesOf(orderIds);
  const received = (outcome: string) =>
    seriesSum(shippingAfter, 'orchard_carrier_updates_received_total', { outcome }) -
    seriesSum(shippingBefore, 'orchard_carrier_updates_received_total', { outcome });
  const deliveries = updates.filter((u) => u.status === 'DELIVERED');
  const calls = updates.length + received('duplicate');
  const figures = {
    orders,
    ratePerSecond: rate,
    parcels: deliveries.length,
    updatesStored: updates.length,
    updatesEarly: updates.filter((u) => u.early).length,
    duplicatesRefused: received('duplicate'),
    failedDeliveryJourneys: updates.filter((u) => u.status === 'FAILED_DELIVERY').length,
    gatewayAnswer: webhookAnswers(gatewayBefore, gatewayAfter),
    queuedMs: {
      inOrder: percentiles(updates.filter((u) => !u.early).map((u) => Number(u.queued_ms))),
      early: percentiles(updates.filter((u) => u.early).map((u) => Number(u.queued_ms))),
    },
    carrierDeliveryToShopMs: percentiles(deliveries.map((u) => Number(u.reported_to_applied_ms))),
    dispatchToDeliveredMs: percentiles(deliveries.map((u) => Number(u.dispatch_to_applied_ms))),
    cores: Number((cpuMs / elapsedMs).toFixed(2)),
    cpuMsPerCall: Number((cpuMs / calls).toFixed(2)),
    cpuMsPerCallByProcess: Object.fromEntries(
      processes.map((name, i) => [name, Number(((cpuEach[i] ?? 0) / calls).toFixed(2))]),
    ),
  };
  const line = (p: Record<string, number>) =>
    `p50 ${p['p50']} ms  p95 ${p['p95']} ms  p99 ${p['p99']} ms`;
  const answer = figures.gatewayAnswer;
  console.log(`
${orders} orders at ${rate}/s, ${figures.parcels} parcels, ${figures.updatesStored} updates (${figures.updatesEarly} early, ${figures.duplicatesRefused} duplicates, ${figures.failedDeliveryJourneys} failed first deliveries)
gateway's answer to the carrier          ${answer.answered} calls, mean ${answer.meanMs} ms, p50 ≤ ${answer.p50AtMostMs} ms, p95 ≤ ${answer.p95AtMostMs} ms, p99 ≤ ${answer.p99AtMostMs} ms
queued until applied, in order           ${line(figures.queuedMs.inOrder)}
queued until applied, arrived early      ${line(figures.queuedMs.early)}
carrier's delivery to the shop's         ${line(figures.carrierDeliveryToShopMs)}
dispatch to delivered (2 s journey)      ${line(figures.dispatchToDeliveredMs)}
gateway + shipping + carrier             ${figures.cores} cores, ${figures.cpuMsPerCall} ms CPU per webhook call (all their work included)
  of which, per call                     ${Object.entries(figures.cpuMsPerCallByProcess)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ')}`);
  const dir = join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'carrier.json'), `${JSON.stringify(figures, null, 2)}\n`);
}

runBenchmark('single', measure);
