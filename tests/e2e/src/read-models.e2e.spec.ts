import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import type {
  CustomerOrder,
  OrderStatus,
  OrderSummary,
  OrderView,
  ProductView,
} from '@orchard/contracts';
import {
  appPorts,
  appUrl,
  ManagedProcess,
  postgresUrl,
  repoRoot,
  serviceCredentialSecret,
  Stack,
  system,
  waitFor,
} from '@orchard/stack';
import { serviceCredentialHeader, signServiceCredential } from '@orchard/platform/service-auth';
import { Client } from 'pg';
import { removeConsumedEvents } from './kafka-retention';
import {
  allPages,
  call,
  customerWith,
  placeOrder,
  stockedProduct,
  type TestProduct,
} from './shop-client';

/**
 * The read models against the services that own the data. Tests may ask a service directly,
 * as the gateway does: the order and inventory services' own answers are what the views must show.
 */
const orderService = appUrl(appPorts.order);
const inventoryService = appUrl(appPorts.inventory);
const finalStatuses: OrderStatus[] = ['DELIVERED', 'REJECTED', 'CANCELLED'];

/** As the gateway asks: services answer only calls signed with the shared secret. */
async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, {
    headers: { [serviceCredentialHeader]: signServiceCredential(serviceCredentialSecret) },
  });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

interface Shop {
  products: TestProduct[];
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
  return { products, customers };
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
        const order = await getJson<OrderView>(`${orderService}/orders/${orderId}`);
        if (!finalStatuses.includes(order.status)) return false;
      }
      return true;
    },
    { timeoutMs: 120_000, intervalMs: 500, what: 'every order of the burst to be decided' },
  );
}

/** What the read model and the order service must agree on. */
const comparable = (order: OrderSummary | OrderView) => ({
  status: order.status,
  reason: order.reason,
  totalCents: order.totalCents,
  items: [...order.items]
    .sort((x, y) => x.sku.localeCompare(y.sku))
    .map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
  history: order.history.map((h) => h.status),
});

/**
 * Polls until `differences` finds none, then returns; after `timeoutMs` returns the last ones
 * found, for the caller to assert on, so a failure shows what still differs.
 */
async function untilNoDifferences<T>(
  differences: () => Promise<T[]>,
  timeoutMs = 60_000,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await differences().catch((error: unknown) => [String(error) as T]);
    if (found.length === 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Every order's summary (through the gateway) matches the order service's own answer, its
 * status history included, so a status applied twice would show; every customer's history
 * lists exactly their orders, newest first; every product shows what inventory has on hand.
 */
async function assertViewsConverged(shop: Shop, orders: readonly Placed[]): Promise<void> {
  const orderDifferences = await untilNoDifferences(async () => {
    const differing = [];
    for (const { orderId } of orders) {
      const truth = comparable(await getJson<OrderView>(`${orderService}/orders/${orderId}`));
      const answer = await call<OrderSummary>('GET', `/orders/${orderId}`);
      const shown = answer.status === 200 ? comparable(answer.body) : answer.status;
      if (JSON.stringify(shown) !== JSON.stringify(truth))
        differing.push({ orderId, shown, truth });
    }
    return differing;
  });
  assert.deepEqual(orderDifferences, [], 'every order summary matches the order service');

  const customerDifferences = await untilNoDifferences(async () => {
    const differing = [];
    for (const customerId of shop.customers) {
      const history = await allPages<CustomerOrder>(`/customers/${customerId}/orders`);
      const expected = orders.filter((o) => o.customerId === customerId).map((o) => o.orderId);
      const newestFirst = history.every(
        (o, i) => i === 0 || (history[i - 1]?.placedAt ?? '') >= o.placedAt,
      );
      const listed = history.map((o) => o.orderId);
      if (
        listed.length !== expected.length ||
        !expected.every((id) => listed.includes(id)) ||
        !newestFirst
      )
        differing.push({ customerId, listed, expected });
    }
    return differing;
  });
  assert.deepEqual(customerDifferences, [], "every customer's history lists their orders");

  const productDifferences = await untilNoDifferences(async () => {
    const shown = new Map(
      (await allPages<ProductView>('/products')).map((p) => [p.sku, p.available]),
    );
    const differing = [];
    for (const { sku } of shop.products) {
      const { available } = await getJson<ProductView>(`${inventoryService}/products/${sku}`);
      if (shown.get(sku) !== available) differing.push({ sku, shown: shown.get(sku), available });
    }
    return differing;
  });
  assert.deepEqual(productDifferences, [], 'availability matches inventory');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
