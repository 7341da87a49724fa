import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { apps, appPorts, appUrl, managementPortOf, statePaths, waitFor } from '@orchard/stack';
import { traceFromJaeger, traceHolding } from './jaeger';
import { rawRequest } from './raw-http';
import { customerCookie, logInAs, signUpCustomer } from './sessions';
import {
  call,
  customerWith,
  orderReaching,
  placeOrder,
  stockedProduct,
  wallet,
} from './shop-client';

const anonymous = { cookie: '' };

/** Where each app's log ends now: what a test reads of it comes after. */
const logEnds = async () =>
  new Map(
    await Promise.all(
      apps.map(async (app) => [app.name, (await stat(statePaths.log(app.name))).size] as const),
    ),
  );

/** What an app has logged since `from` (a byte offset). */
async function loggedSince(app: string, from: number): Promise<string> {
  const file = await open(statePaths.log(app));
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(Math.max(0, size - from));
    await file.read(buffer, 0, buffer.length, from);
    return buffer.toString('utf8');
  } finally {
    await file.close();
  }
}

const signUp = (email: string, password: string) =>
  call('POST', '/auth/signup', { email, password }, anonymous);

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/** The parts of a problem a client reads; `instance`, if any, names the path asked. */
const wordsOf = (body: unknown) => {
  const { type, title, status, detail } = body as Record<string, unknown>;
  return { type, title, status, detail };
};

describe('edges that give nothing away', () => {
  it('answers a sign-up for a taken email as for a free one, and tells the owner', async () => {
    const owner = await signUpCustomer();
    const taken = await signUp(owner.email, `another password ${randomUUID()}`);
    const free = await signUp(`free-${randomUUID()}@example.test`, `a password ${randomUUID()}`);
    assert.equal(taken.status, 202);
    assert.deepEqual(taken.body, free.body);
    await assert.rejects(logInAs(owner.email, 'another password'), /401/, 'nothing was changed');

    const notices = await call<{ kind: string }[]>('GET', '/auth/notices', undefined, {
      cookie: owner.cookie,
    });
    assert.deepEqual(
      notices.body.map((n) => n.kind),
      ['sign-up-attempted'],
    );
  });

  it('takes as long to sign up a taken email as a free one', async () => {
    const owners = await Promise.all(Array.from({ length: 8 }, () => signUpCustomer()));
    const takenMs: number[] = [];
    const freeMs: number[] = [];
    // Interleaved, so that a busy moment of the machine weighs on both alike; one try per
    // address, far below the sign-up limit per account.
    for (const owner of owners) {
      takenMs.push(await timed(() => signUp(owner.email, `pw-${randomUUID()}`)));
      freeMs.push(
        await timed(() => signUp(`t-${randomUUID()}@example.test`, `pw-${randomUUID()}`)),
      );
    }
    const ratio = median(takenMs) / median(freeMs);
    assert.ok(
      ratio > 0.6 && ratio < 1.6,
      `taken ${median(takenMs).toFixed(1)} ms against free ${median(freeMs).toFixed(1)} ms`,
    );
  });

  it("answers someone else's order or wallet in the same words as a missing one", async () => {
    const product = await stockedProduct(10, 100);
    const owner = await customerWith(10_000);
    const accepted = await placeOrder(owner, [{ sku: product.sku, quantity: 1 }]);
    assert.equal(accepted.status, 202);
    await orderReaching(accepted.body.orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);
    const stranger = await signUpCustomer();
    const as = { cookie: stranger.cookie };
    const missing = randomUUID();
    for (const [mine, none] of [
      [`/orders/${accepted.body.orderId}`, `/orders/${missing}`],
      [`/orders/${accepted.body.orderId}/details`, `/orders/${missing}/details`],
      [`/wallets/${owner}`, `/wallets/${missing}`],
    ] as const) {
      const theirs = await call('GET', mine, undefined, as);
      const nothing = await call('GET', none, undefined, as);
      assert.equal(theirs.status, 404, mine);
      assert.deepEqual(wordsOf(theirs.body), wordsOf(nothing.body), mine);
    }
    // The owner's own wallet, before any deposit, answers alike.
    const fresh = await signUpCustomer();
    const own = await call('GET', `/wallets/${fresh.id}`, undefined, { cookie: fresh.cookie });
    assert.deepEqual(
      wordsOf(own.body),
      wordsOf((await call('GET', `/wallets/${missing}`, undefined, as)).body),
    );
  });

  it('keeps deposit keys per caller: the same key from owner and administrator is two deposits', async () => {
    const customer = await signUpCustomer();
    const key = randomUUID();
    const path = `/wallets/${customer.id}/deposits`;
    const byOwner = await call(
      'POST',
      path,
      { amountCents: 100 },
      { cookie: customer.cookie, 'idempotency-key': key },
    );
    const byAdmin = await call('POST', path, { amountCents: 250 }, { 'idempotency-key': key });
    assert.equal(byOwner.status, 201);
    assert.equal(byAdmin.status, 201);
    assert.equal((await wallet(customer.id)).balanceCents, 350);
  });

  it('serves no probe or scrape on the public port, however the path is spelled', async () => {
    const customer = await signUpCustomer();
    // As sent, byte for byte: the router decodes and drops what a check of the raw URL would not.
    const spellings = [
      '/metrics',
      '/health/ready',
      '/health/live',
      '/metrics?x',
      '/metrics?',
      '/%6detrics',
      '/%6Detrics',
      '/%68ealth/ready',
      '/health/%72eady?x=1',
      '//metrics',
      '/metrics/',
      '/metrics.',
      '/METRICS',
      '/Health/Ready',
      '/health//ready',
      '/health/./ready',
    ];
    for (const port of [appPorts.gateway, appPorts.order])
      for (const path of spellings)
        for (const cookie of [undefined, customer.cookie]) {
          const answer = await rawRequest({
            path,
            port,
            ...(cookie ? { headers: { cookie } } : { anonymous: true }),
          });
          assert.ok(
            [401, 404].includes(answer.status) &&
              !answer.text.includes('# HELP') &&
              !answer.text.includes('"status":"ok"'),
            `${path} on port ${port}: ${answer.status} ${answer.text.slice(0, 120)}`,
          );
        }
    const scrape = await fetch(`${appUrl(managementPortOf(appPorts.gateway))}/metrics`);
    assert.equal(scrape.status, 200);
    assert.match(await scrape.text(), /# HELP/);
  });

  it("starts each request's trace at the gateway, whatever trace context the caller sends", async () => {
    const product = await stockedProduct(10, 100);
    const customer = await customerWith(10_000);
    const ends = await logEnds();
    const since = (app: string) => loggedSince(app, ends.get(app) ?? 0);
    const chosen = randomBytes(16).toString('hex');
    const forged = `forged-${randomUUID()}`;
    const accepted = await call<{ orderId: string }>(
      'POST',
      '/orders',
      {
        items: [{ sku: product.sku, quantity: 1 }],
        shippingAddress: {
          name: 'Ada',
          line1: '1 Road',
          city: 'Berlin',
          postalCode: '10115',
          country: 'DE',
        },
      },
      {
        cookie: customerCookie(customer),
        traceparent: `00-${chosen}-${randomBytes(8).toString('hex')}-01`,
        baggage: `orderId=${forged}`,
      },
    );
    assert.equal(accepted.status, 202);
    const traceId = accepted.headers.get('x-trace-id') ?? '';
    assert.match(traceId, /^[0-9a-f]{32}$/);
    assert.notEqual(traceId, chosen, 'the caller chose no trace id');
    // The order's own trace arrives; none arrives under the id the caller chose.
    await traceHolding(traceId, { gateway: (span) => span.service === 'gateway' });
    assert.deepEqual(await traceFromJaeger(chosen), []);
    // The order's lines in the apps' logs carry the gateway's trace id; none carries the
    // caller's baggage (it would name a made-up order in every line of the request).
    await waitFor(async () => (await since('inventory-service')).includes(traceId), {
      timeoutMs: 30_000,
      what: "inventory-service to log a line of the order's trace",
    });
    for (const app of apps) {
      assert.ok(!(await since(app.name)).includes(forged), `${app.name} logs no forged baggage`);
    }
  });

  it('never turns customer text into metric labels', async () => {
    const product = await stockedProduct(10, 100);
    const customer = await customerWith(10_000);
    const accepted = await placeOrder(customer, [{ sku: product.sku, quantity: 1 }]);
    const label = `Invented${randomUUID().replace(/-/g, '')}`;
    const cancel = await call(
      'POST',
      `/orders/${accepted.body.orderId}/cancel`,
      { reason: `${label}: a label of my own` },
      {},
    );
    assert.ok([202, 409].includes(cancel.status), `cancel answered ${cancel.status}`);
    await orderReaching(accepted.body.orderId, ['CANCELLED', 'CONFIRMED', 'SHIPPED', 'DELIVERED']);
    const metrics = await (
      await fetch(`${appUrl(managementPortOf(appPorts.order))}/metrics`)
    ).text();
    assert.match(metrics, /orchard_saga_outcomes_total\{/);
    assert.ok(!metrics.includes(label), 'the reason is not a label');
  });
});
