/**
 * npm run bench:faults [-- --rate 2]
 * npm run bench:faults -- --soak [--minutes 30] [--rate 4]
 *
 * On the scaled profile (started if need be), orders and reads flow from careful clients, who
 * resend a failed request with the same Idempotency-Key:
 * - Faults (the default): the failure drill of the scaled e2e spec. Each app instance, the Kafka
 *   controller leader, Connect and the read replica are killed (SIGKILL) and restarted in turn;
 *   then every broker stops for a minute, then Temporal is killed mid-saga. Prints the share of
 *   requests that saw an error during each fault, and checks the invariants afterwards.
 * - Soak: no faults, --minutes at --rate orders/s (half of the scaled saturation by default, as
 *   bench:scaling measured it); every 30 s each process's resident memory and each table's size
 *   are sampled; prints their slopes per hour.
 * Writes bench-results/faults.json or bench-results/soak.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  assertDrillInvariants,
  faultTable,
  OrderStream,
  prepareShop,
  runFailureDrill,
  workTable,
} from '@orchard/e2e/failure-drill';
import { ProfileSession, repoRoot } from '@orchard/stack';
import { soakSamples, slopesPerHour, type Sample } from './soak/samples';

const { values: options } = parseArgs({
  options: {
    soak: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string' },
  },
});
const log = (line: string) => console.log(line);

function writeResult(name: string, result: unknown): void {
  mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench-results', name), JSON.stringify(result, null, 2));
}

/** Half of the scaled profile's saturation as bench:scaling last measured it, else 3/s. */
function halfSaturation(): number {
  const file = join(repoRoot, 'bench-results', 'scaling.json');
  if (!existsSync(file)) return 3;
  const runs = JSON.parse(readFileSync(file, 'utf8')) as {
    profile: string;
    ordersPerSecond: number;
  }[];
  const scaled = runs.find((r) => r.profile === 'scaled');
  return scaled ? Number((scaled.ordersPerSecond / 2).toFixed(1)) : 3;
}

async function faults(): Promise<void> {
  const rate = Number(options.rate ?? 2);
  const result = await runFailureDrill(
    {
      ordersPerSecond: rate,
      readsPerSecond: 2 * rate,
      steadyMs: 30_000,
      deadMs: 5_000,
      settleMs: 5_000,
      kafkaOutageMs: 60_000,
    },
    log,
  );
  console.log(`\nwork per instance over the steady flow:\n${workTable(result.work)}`);
  console.log(
    `\nerrors clients saw, per fault (${rate} orders/s, ${2 * rate} reads/s):\n${faultTable(result.rows)}`,
  );
  log('\nchecking the invariants');
  await assertDrillInvariants(result.shop, result.orders);
  log('every invariant holds');
  writeResult('faults.json', { rate, rows: result.rows, work: result.work });
}

async function soak(): Promise<void> {
  const rate = Number(options.rate ?? halfSaturation());
  const minutes = Number(options.minutes);
  const shop = await prepareShop();
  const stream = new OrderStream(shop);
  log(`soak: ${rate} orders/s and ${2 * rate} reads/s for ${minutes} min, sampled every 30 s`);
  stream.start(rate, 2 * rate);
  let samples: Sample[];
  try {
    samples = await soakSamples(minutes * 60_000, 30_000, log);
  } finally {
    await stream.stop();
  }
  const slopes = slopesPerHour(samples);
  console.log('\nresident memory per process, MiB: first, last, slope per hour');
  for (const s of slopes.memory)
    console.log(
      `  ${s.name.padEnd(28)} ${s.first.toFixed(0).padStart(6)} ${s.last.toFixed(0).padStart(6)} ${s.perHour.toFixed(1).padStart(8)}`,
    );
  console.log('\ntable size, MiB (largest 15): first, last, slope per hour');
  for (const s of slopes.tables.slice(0, 15))
    console.log(
      `  ${s.name.padEnd(40)} ${s.first.toFixed(2).padStart(8)} ${s.last.toFixed(2).padStart(8)} ${s.perHour.toFixed(2).padStart(8)}`,
    );
  log('\nchecking the invariants');
  await assertDrillInvariants(shop, stream.orders);
  log(`every invariant holds (${stream.accepted().length} orders)`);
  writeResult('soak.json', { rate, minutes, slopes });
}

async function main(): Promise<void> {
  process.env['ORCHARD_PROFILE'] = 'scaled';
  const session = await ProfileSession.open('scaled');
  try {
    await (options.soak ? soak() : faults());
  } finally {
    await session.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
