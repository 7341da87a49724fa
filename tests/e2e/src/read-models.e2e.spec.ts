import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import type { OrderStatus } from '@orchard/contracts';
import { ManagedProcess, postgresUrl, repoRoot, Stack, system, waitFor } from '@orchard/stack';
import { Client } from 'pg';
import { removeConsumedEvents } from './kafka-retention';
import { isAlive } from './process-faults';
import { assertViewsConverged, orderFromService } from './views-convergence';
import { call, customerWith, placeOrder, stockedProduct, type TestProduct } from './shop-client';

/** The order service's own answers: what the views must show. */
const finalStatuses: OrderStatus[] = ['DELIVERED', 'REJECTED', 'CANCELLED'];

interface Shop {
  products: TestProduct[];
  skus: string[];
  customers: string[];
}

/** Three products, one of them scarce, and five customers, one of them nearly broke. */
async function openShop(): Promise<Shop> {
  const products = [
    await stockedProduct(60, 850, 'north'),
    await stockedProduct(60, 1500, 'south'),
    await stockedProduct(4, 900, 'north'),
  ];
  const customers = [
    ...(await Promise.all([1, 2, 3, 4].map(() => customerWith(100_000)))),
    await customerWith(1_000),
  ];
  return { products, skus: products.map((p) => p.sku), customers };
}

interface Placed {
  orderId: string;
  customerId: string;
}

/**
 * `count` orders through the gateway, six at a time, of every kind: some filled from two
 * warehouses, some out of stock, some the customer cannot pay, some the carrier refuses, some
 * cancelled right away. `onPlaced` hears how many were placed so far.
 */
async function burst(
  shop: Shop,
  count: number,
  onPlaced: (placed: number) => void = () => undefined,
): Promise<Placed[]> {
  const [a, b, scarce] = shop.products as [TestProduct, TestProduct, TestProduct];
  const placed: Placed[] = [];
  let next = 0;
  const placeNext = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const customerId = shop.customers[i % shop.customers.length] ?? '';
      const items =
        i % 3 === 0
          ? [
              { sku: a.sku, quantity: 1 },
              { sku: b.sku, quantity: 1 },
            ]
          : i % 3 === 1
            ? [{ sku: a.sku, quantity: 2 }]
            : [{ sku: scarce.sku, quantity: 1 }];
      const accepted = await placeOrder(customerId, items, { country: i % 7 === 6 ? 'AQ' : 'DE' });
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      const { orderId } = accepted.body;
      if (i % 10 === 4) {
        const cancel = await call('POST', `/orders/${orderId}/cancel`, { reason: 'too hasty' });
        assert.ok([202, 409].includes(cancel.status), `cancel answered ${cancel.status}`);
      }
      placed.push({ orderId, customerId });
      onPlaced(placed.length);
    }
  };
  await Promise.all(Array.from({ length: 6 }, placeNext));
  return placed;
}

/** Waits until the order service has decided every order for good. */
async function settled(orders: readonly Placed[]): Promise<void> {
  await waitFor(
    async () => {
      for (const { orderId } of orders) {
        const order = await orderFromService(orderId);
        if (!finalStatuses.includes(order.status)) return false;
      }
      return true;
    },
    { timeoutMs: 120_000, intervalMs: 500, what: 'every order of the burst to be decided' },
  );
}

async function withReadModels<T>(work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: postgresUrl('readmodel') });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Every row of every view, bookkeeping included: a rebuild arrives at the same values. */
function viewRows(): Promise<Record<string, unknown[]>> {
  return withReadModels(async (db) => ({
    order_summaries: (await db.query('select * from order_summaries order by order_id')).rows,
    customer_orders: (await db.query('select * from customer_orders order by order_id')).rows,
    product_availability: (await db.query('select * from product_availability order by sku')).rows,
  }));
}

/** The views once they stop changing (nothing in flight any more), or after a minute. */
async function quiescentViewRows(): Promise<Record<string, unknown[]>> {
  const deadline = Date.now() + 60_000;
  let previous = await viewRows();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const current = await viewRows();
    if (JSON.stringify(current) === JSON.stringify(previous) || Date.now() > deadline)
      return current;
    previous = current;
  }
}

/** The rebuilt views hold exactly the live ones' rows, table by table. */
function assertSameViews(rebuilt: Record<string, unknown[]>, live: Record<string, unknown[]>) {
  for (const table of Object.keys(live)) {
    assert.equal(rebuilt[table]?.length, live[table]?.length, `${table}: as many rows`);
    assert.deepEqual(rebuilt[table], live[table], `${table}: the same rows`);
  }
}

/** `npm run readmodels:rebuild`, as a person would run it; resolves with its output. */
function runRebuild(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'readmodels:rebuild'], { cwd: repoRoot });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`rebuild exited ${code}:\n${output}`)),
    );
  });
}

describe('read models built from events', () => {
  it('converge after a burst of orders: summaries, customer histories, availability', async () => {
    const shop = await openShop();
    const orders = await burst(shop, 30);
    await settled(orders);
    await assertViewsConverged(shop, orders);
  });

  it('apply nothing twice when the read-model service is killed mid-burst', async () => {
    const shop = await openShop();
    const pid = new ManagedProcess('read-model-service').runningPid();
    assert.ok(pid, 'read-model-service is running');
    let killed: Promise<void> | undefined;
    const orders = await burst(shop, 30, (placed) => {
      if (placed !== 12) return;
      // Like a power cut: whatever transaction it had open is rolled back, its offsets uncommitted.
      process.kill(pid, 'SIGKILL');
      killed = waitFor(async () => !isAlive(pid), { timeoutMs: 10_000, what: 'it to die' });
    });
    assert.ok(killed, 'killed mid-burst');
    await killed;
    await new Stack(system()).select(['read-model-service']).up();
    await settled(orders);
    await assertViewsConverged(shop, orders);
  });

  it('rebuilds from the topics, while serving, to the same views as the live ones', async () => {
    const shop = await openShop();
    const orders = await burst(shop, 20);
    await settled(orders);
    await assertViewsConverged(shop, orders);
    const live = await quiescentViewRows();

    // Reads go on during the rebuild and its swap, and are all answered.
    let rebuilding = true;
    const answers: number[] = [];
    const reads = (async () => {
      while (rebuilding) answers.push((await call('GET', `/orders/${orders[0]?.orderId}`)).status);
    })();
    const output = await runRebuild().finally(() => (rebuilding = false));
    await reads;
    assert.match(output, /rebuilt from \d+ events/);
    assert.ok(answers.length > 0 && answers.every((status) => status === 200), `${answers}`);

    assertSameViews(await viewRows(), live);

    // The live consumer carries on on the rebuilt tables, applying each new event once.
    const after = await burst(shop, 4);
    await settled(after);
    await assertViewsConverged(shop, [...orders, ...after]);
  });

  it("rebuilds past the topics' retention: with their oldest events gone, the views come out the same", async () => {
    const shop = await openShop();
    const orders = await burst(shop, 10);
    await settled(orders);
    await assertViewsConverged(shop, orders);
    const live = await quiescentViewRows();

    const removed = await removeConsumedEvents();
    // At least this burst's events: placed, reserved, authorized, created, captured, confirmed…
    assert.ok(removed >= orders.length * 6, `${removed} events left the topics`);
    const output = await runRebuild();
    assert.match(output, /replayed \d+ events from the history/);

    assertSameViews(await viewRows(), live);
  });
});
