import { statusesOf } from './drill-invariants';
import { faultPlan } from './fault-plan';
import { OrderStream, prepareShop, type DrillShop, type PlacedOrder } from './order-stream';
import { workBetween, workCounters, type InstanceWork } from './work-per-instance';

export interface DrillOptions {
  ordersPerSecond: number;
  readsPerSecond: number;
  /** Steady flow before the first fault: the work per instance is measured over it. */
  steadyMs: number;
  /** How long a killed process stays dead. */
  deadMs: number;
  /** After each repair, before the next fault: errors in this time still count for the fault. */
  settleMs: number;
  kafkaOutageMs: number;
}

/** One fault and what the clients saw while it lasted (from the kill until settled again). */
export interface FaultRow {
  fault: string;
  requests: number;
  errors: number;
  errorKinds: string[];
  notes: string[];
  outOfRotationMs?: number;
}

export interface DrillResult {
  shop: DrillShop;
  orders: PlacedOrder[];
  rows: FaultRow[];
  work: InstanceWork[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const confirmedOrLater = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];

/**
 * Orders and reads flow at a steady rate from careful clients while the fault plan kills and
 * restarts one part after another; returns each fault's errors. The invariants are checked
 * by the caller (assertDrillInvariants), once the flow has stopped.
 */
export async function runFailureDrill(
  options: DrillOptions,
  log: (line: string) => void,
): Promise<DrillResult> {
  const shop = await prepareShop();
  const stream = new OrderStream(shop);
  const rows: FaultRow[] = [];
  const acceptedSince = (since: number) =>
    stream
      .accepted()
      .filter((o) => o.requestedAt >= since)
      .map((o) => o.orderId);

  let burst: string[] = [];
  const before = await workCounters();
  const steadyFrom = Date.now();
  stream.start(options.ordersPerSecond, options.readsPerSecond);
  try {
    await pause(options.steadyMs);
    const work = workBetween(before, await workCounters());
    rows.push({ fault: 'none (steady flow)', ...errorsBetween(stream, steadyFrom), notes: [] });

    const plan = faultPlan({
      deadMs: options.deadMs,
      kafkaOutageMs: options.kafkaOutageMs,
      duringKafkaOutage: async (since) => {
        const placed = acceptedSince(since);
        const statuses = await statusesOf(placed);
        const confirmed = placed.filter((id) => confirmedOrLater.includes(statuses.get(id) ?? ''));
        if (placed.length === 0 || confirmed.length === 0)
          throw new Error(
            `with Kafka down, ${placed.length} orders were accepted and ${confirmed.length} confirmed`,
          );
        return [
          `${placed.length} orders accepted with no broker up, ${confirmed.length} confirmed`,
        ];
      },
      beforeTemporalDies: async () => {
        burst = (await stream.burst(10)).flatMap((o) => (o.orderId ? [o.orderId] : []));
      },
      whileTemporalIsDown: async () => {
        const statuses = await statusesOf(burst);
        const underWay = burst.filter((id) => statuses.get(id) === 'PENDING').length;
        if (underWay === 0) throw new Error('no saga was under way when Temporal died');
        return [`${underWay} sagas under way when it died`];
      },
    });
    for (const fault of plan) {
      log(`${new Date().toISOString()} fault: ${fault.name}`);
      const from = Date.now();
      const notes = await fault.run();
      await pause(options.settleMs);
      rows.push({ fault: fault.name, ...errorsBetween(stream, from), ...notes });
    }
    return { shop, orders: stream.orders, rows, work };
  } finally {
    await stream.stop();
  }
}

function errorsBetween(stream: OrderStream, from: number) {
  const { requests, errors, outcomes } = stream.log.between(from, Date.now());
  return { requests, errors, errorKinds: outcomes };
}

/** The fault table: requests sent while each fault lasted and the share that saw an error. */
export function faultTable(rows: readonly FaultRow[]): string {
  const lines = rows.map((r) => {
    const share = r.requests ? ((100 * r.errors) / r.requests).toFixed(1) : '-';
    const kinds = r.errorKinds.length ? ` (${r.errorKinds.join(', ')})` : '';
    const notes = r.notes.length ? `; ${r.notes.join('; ')}` : '';
    return `${r.fault.padEnd(42)} ${String(r.requests).padStart(6)} ${String(r.errors).padStart(6)} ${share.padStart(6)}%${kinds}${notes}`;
  });
  return [
    `${'fault'.padEnd(42)} ${'reqs'.padStart(6)} ${'errors'.padStart(6)} ${'share'.padStart(7)}`,
    ...lines,
  ].join('\n');
}

/** Work per instance over the steady flow: events consumed and activities run. */
export function workTable(work: readonly InstanceWork[]): string {
  return [
    `${'instance'.padEnd(22)} ${'events'.padStart(8)} ${'activities'.padStart(10)}`,
    ...work.map(
      (w) =>
        `${w.instance.padEnd(22)} ${String(w.events).padStart(8)} ${String(w.activities).padStart(10)}`,
    ),
  ].join('\n');
}
