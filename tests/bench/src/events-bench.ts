/**
 * npm run bench:events [-- --rate 100 --seconds 20 --connections 32 --only cdc|reads|clients]
 *
 * 1. CDC lag under load: commit → event consumed → read model updated, p50/p99, with the
 *    order outbox written at `rate` events per second.
 * 2. Reads: `GET /orders/:id` through the gateway next to a bare Fastify hello-world, same
 *    load generator, same machine, same run; throughput ratio and latency.
 * 3. Kafka clients: each Node.js client installable here on the same broker, driven the same
 *    way: consume throughput and CPU per message, produce-to-handler latency, per-key order,
 *    and what a second group member joining costs (duplicates, the longest pause).
 * Prints the figures and writes bench-results/events.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { registerConnectors, repoRoot, Stack, system, urls } from '@orchard/stack';
import { measureCdcLag } from './cdc-lag';
import { measureClient, type ClientFigures } from './kafka-clients/client-bench';
import { kafkajsClient } from './kafka-clients/kafkajs-client';
import { platformaticClient } from './kafka-clients/platformatic-client';
import { measureReads, printReads } from './reads';

const { values: options } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
  },
});
const durationMs = Number(options.seconds) * 1000;
const connections = Number(options.connections);

/** The read model's order summaries, by order id (the read-model service's own table). */
const viewQuery =
  'select order_id::text as id from order_summaries where order_id = any($1::uuid[])';

async function cdcLagPart() {
  console.log(`CDC lag: ${options.rate} order events/s for ${durationMs / 1000} s`);
  const lag = await measureCdcLag({ perSecond: Number(options.rate), durationMs, viewQuery });
  console.log(`
CDC lag at ${lag.perSecond} events/s   commit → consumed p50 ${lag.commitToConsumedMs.p50} ms, p99 ${lag.commitToConsumedMs.p99} ms
                             commit → view updated p50 ${lag.commitToViewMs.p50} ms, p99 ${lag.commitToViewMs.p99} ms (target p99 < 500 ms)
                             never consumed ${lag.neverConsumed}, never in the view ${lag.neverInView} of ${lag.events}`);
  return lag;
}

async function readsPart() {
  console.log(`reads: ${connections} connections, ${durationMs / 1000} s each`);
  const reads = await measureReads({ connections, durationMs });
  printReads(reads, '>= 0.5, p99 < 20 ms');
  return reads;
}

async function clientsPart(): Promise<ClientFigures[]> {
  const brokers = [urls.kafkaBrokers];
  const figures: ClientFigures[] = [];
  for (const client of [kafkajsClient(brokers), platformaticClient(brokers)]) {
    console.log(`Kafka client: ${client.name}`);
    figures.push(await measureClient(client, brokers));
  }
  console.log(
    '\nclient                        msgs/s  CPU µs/msg  latency p50/p99 ms  order  rebalance dup/lost/pause ms',
  );
  for (const f of figures)
    console.log(
      `${f.client.padEnd(28)} ${String(f.consumedPerSecond).padStart(7)} ${String(f.cpuMicrosPerMessage).padStart(11)} ${`${f.latencyMs['p50']}/${f.latencyMs['p99']}`.padStart(19)} ${String(f.orderViolations).padStart(6)}  ${f.rebalance.duplicates}/${f.rebalance.lost}/${f.rebalance.longestPauseMs}`,
    );
  return figures;
}

async function main(): Promise<void> {
  const stack = new Stack(system());
  await stack.install();
  const started = await stack.up();
  await registerConnectors();
  try {
    const runs = (part: string) => options.only === undefined || options.only === part;
    const cdcLag = runs('cdc') ? await cdcLagPart() : undefined;
    const reads = runs('reads') ? await readsPart() : undefined;
    const kafkaClients = runs('clients') ? await clientsPart() : undefined;
    mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
    writeFileSync(
      join(repoRoot, 'bench-results', 'events.json'),
      JSON.stringify({ cdcLag, reads, kafkaClients }, null, 2),
    );
  } finally {
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
