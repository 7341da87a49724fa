/**
 * A deployment's smoke test (the Helm chart's `helm test`): through the gateway's public API
 * only, as a client would, it stocks one unit of a product of its own, signs a customer up with
 * the money for it, places the order and reads it back until the saga has decided it. Exits 0
 * once the order is confirmed (or later), 1 otherwise, saying why. It leaves its product
 * (SMOKE-…) and its customer behind, as a real order would.
 *
 *   GATEWAY_URL, ADMIN_EMAIL, ADMIN_PASSWORD; SMOKE_TIMEOUT_MS (default 120000)
 */
import { randomUUID } from 'node:crypto';
import { sessionCookie } from '../sessions/session-cookie';

const gatewayUrl = required('GATEWAY_URL').replace(/\/$/, '');
const timeoutMs = Number(process.env['SMOKE_TIMEOUT_MS'] ?? 120_000);
const decided = ['CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED', 'FAILED'];
const confirmed = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; cookies: string[] }> {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    cookies: response.headers.getSetCookie(),
  };
}

async function expect(
  what: string,
  status: number,
  answer: Promise<Awaited<ReturnType<typeof send>>>,
) {
  const got = await answer;
  if (got.status !== status)
    throw new Error(`${what}: ${got.status} (expected ${status}): ${JSON.stringify(got.body)}`);
  return got;
}

/** The session cookie of a login, as a `Cookie` header value. */
async function logIn(email: string, password: string): Promise<{ id: string; cookie: string }> {
  const answer = await expect('log in', 200, send('POST', '/auth/login', { email, password }));
  // Named with or without the __Host- prefix (over HTTPS it carries one).
  const cookie = answer.cookies
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${sessionCookie}=`) || c.startsWith(`__Host-${sessionCookie}=`));
  if (!cookie) throw new Error('log in: no session cookie');
  return { id: String(answer.body['id']), cookie };
}

async function main(): Promise<void> {
  const admin = await logIn(required('ADMIN_EMAIL'), required('ADMIN_PASSWORD'));
  const asAdmin = { cookie: admin.cookie };
  const sku = `SMOKE-${randomUUID().slice(0, 8).toUpperCase()}`;
  const priceCents = 100;
  await expect(
    'create the product',
    200,
    send(
      'PUT',
      `/admin/products/${sku}`,
      { name: `Smoke test ${sku}`, priceCents, warehouse: 'north', lowStockThreshold: 0 },
      asAdmin,
    ),
  );
  await expect(
    'stock it',
    201,
    send(
      'POST',
      `/admin/products/${sku}/stock-adjustments`,
      { delta: 1, reason: 'smoke test' },
      asAdmin,
    ),
  );
  const email = `smoke-${randomUUID()}@example.test`;
  const password = `smoke-${randomUUID()}`;
  await expect('sign up', 202, send('POST', '/auth/signup', { email, password }));
  const customer = await logIn(email, password);
  const asCustomer = { cookie: customer.cookie };
  await expect(
    'fund the wallet',
    201,
    send('POST', `/wallets/${customer.id}/deposits`, { amountCents: priceCents }, asCustomer),
  );
  const placed = await expect(
    'place the order',
    202,
    send(
      'POST',
      '/orders',
      {
        items: [{ sku, quantity: 1 }],
        shippingAddress: {
          name: 'Smoke Test',
          line1: '1 Test Street',
          city: 'Berlin',
          postalCode: '10115',
          country: 'DE',
        },
      },
      { ...asCustomer, 'idempotency-key': randomUUID() },
    ),
  );
  const orderId = String(placed.body['orderId']);
  const deadline = Date.now() + timeoutMs;
  let status = 'unknown';
  while (!decided.includes(status)) {
    if (Date.now() > deadline)
      throw new Error(`order ${orderId} still ${status} after ${timeoutMs} ms`);
    // The order reaches the read model through CDC and Kafka: unknown (404) for a moment.
    const read = await send('GET', `/orders/${orderId}`, undefined, asCustomer);
    if (read.status === 200) status = String(read.body['status']);
    else if (read.status !== 404) throw new Error(`read the order: ${read.status}`);
    if (!decided.includes(status)) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!confirmed.includes(status)) throw new Error(`order ${orderId} ended ${status}`);
  process.stdout.write(`order ${orderId}: ${status}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`smoke test failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
