import { fork } from 'node:child_process';
import { join } from 'node:path';
import { gatewayUrl, waitFor } from '@orchard/stack';
import { httpLoad } from './http-load';
import { ShopLoad } from './shop-load';

const helloPort = 3099;

async function startHelloServer() {
  const child = fork(join(__dirname, 'hello-server.js'), [String(helloPort)], { stdio: 'ignore' });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`hello server exited with ${code}`)));
  });
  return child;
}

/** An order that the read model knows, to read through the gateway. */
export async function anOrderToRead(): Promise<{ orderId: string; cookie: string }> {
  const load = new ShopLoad();
  try {
    await load.prepare(2, 1);
    const { orderId } = await load.placeOrder();
    if (!orderId) throw new Error('could not place an order to read');
    await waitFor(async () => (await load.request('GET', `/orders/${orderId}`)).status === 200, {
      timeoutMs: 30_000,
      what: 'the order in the read model',
    });
    return { orderId, cookie: load.adminCookie };
  } finally {
    await load.close();
  }
}

/**
 * `GET /orders/:id` through the gateway, with a session as a customer reads, next to a bare
 * Fastify hello-world, with the same load generator on the same machine in the same run.
 */
export async function measureReads(options: { connections: number; durationMs: number }) {
  const { orderId, cookie } = await anOrderToRead();
  const hello = await startHelloServer();
  let bare;
  try {
    bare = await httpLoad(`http://127.0.0.1:${helloPort}`, '/hello', options);
  } finally {
    hello.kill('SIGTERM');
  }
  const gateway = await httpLoad(gatewayUrl, `/orders/${orderId}`, {
    ...options,
    headers: { cookie },
  });
  const ratio = Number((gateway.requestsPerSecond / bare.requestsPerSecond).toFixed(2));
  return { bareFastify: bare, gatewayGetOrder: gateway, ratio };
}

export function printReads(reads: Awaited<ReturnType<typeof measureReads>>, target: string): void {
  const { bareFastify: bare, gatewayGetOrder: gateway } = reads;
  console.log(`
bare Fastify hello-world     ${bare.requestsPerSecond} req/s, p50 ${bare.latencyMs.p50} ms, p99 ${bare.latencyMs.p99} ms
gateway GET /orders/:id      ${gateway.requestsPerSecond} req/s, p50 ${gateway.latencyMs.p50} ms, p99 ${gateway.latencyMs.p99} ms (failures ${gateway.failures})
gateway / bare               ${reads.ratio} (target ${target})`);
}
