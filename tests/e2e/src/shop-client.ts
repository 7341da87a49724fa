import { randomUUID } from 'node:crypto';
import type {
  OrderAccepted,
  OrderStatus,
  OrderSummary,
  Page,
  ProductView,
  WalletView,
} from '@orchard/contracts';
import { gatewayUrl, waitFor } from '@orchard/stack';
import { adminCookie, customerCookie, forgetAdminSession, signUpCustomer } from './sessions';

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Talks to the shop as a client does: through the gateway, nothing else. As the administrator
 * unless `headers` carry another `cookie` (an empty one calls anonymously).
 */
export async function call<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const asAdmin = headers['cookie'] === undefined;
  const answer = await send<T>(method, path, body, headers);
  // A long run (a soak) outlives the administrator's idle timeout: log in again, once.
  if (answer.status !== 401 || !asAdmin) return answer;
  forgetAdminSession();
  return send<T>(method, path, body, headers);
}

/** An answer as `assertProblem` reads it. */
export const asRaw = (answer: Answer) => ({
  status: answer.status,
  headers: Object.fromEntries(answer.headers.entries()),
  text: JSON.stringify(answer.body),
});

async function send<T>(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Answer<T>> {
  const cookie = headers['cookie'] ?? (await adminCookie());
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/** Every item of a paged list, following `nextCursor` from the first page to the last. */
export async function allPages<T>(
  path: string,
  headers: Record<string, string> = {},
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query = `limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const page: Answer<Page<T>> = await call<Page<T>>(
      'GET',
      `${path}?${query}`,
      undefined,
      headers,
    );
    if (page.status !== 200)
      throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

export const address = {
  name: 'Test Customer',
  line1: '1 Test Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

export interface TestProduct {
  sku: string;
  priceCents: number;
  warehouse: string;
}

/** A product of its own for one test, stocked through the admin API. */
export async function stockedProduct(
  stock: number,
  priceCents: number,
  warehouse = 'north',
): Promise<TestProduct> {
  const sku = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
  const upsert = await call('PUT', `/admin/products/${sku}`, {
    name: `Test ${sku}`,
    priceCents,
    warehouse,
    lowStockThreshold: 0,
  });
  if (upsert.status !== 200)
    throw new Error(`could not create ${sku}: ${JSON.stringify(upsert.body)}`);
  if (stock > 0) {
    const adjusted = await call('POST', `/admin/products/${sku}/stock-adjustments`, {
      delta: stock,
      reason: 'test stock',
    });
    if (adjusted.status !== 201)
      throw new Error(`could not stock ${sku}: ${JSON.stringify(adjusted.body)}`);
  }
  return { sku, priceCents, warehouse };
}

/** A customer of its own for one test, signed up and logged in, with money in the wallet. */
export async function customerWith(balanceCents: number): Promise<string> {
  const { id, cookie } = await signUpCustomer();
  if (balanceCents > 0) {
    const deposit = await call(
      'POST',
      `/wallets/${id}/deposits`,
      { amountCents: balanceCents },
      { cookie },
    );
    if (deposit.status !== 201)
      throw new Error(`could not fund ${id}: ${JSON.stringify(deposit.body)}`);
  }
  return id;
}

export async function placeOrder(
  customerId: string,
  items: { sku: string; quantity: number }[],
  extra: Partial<{ country: string; key: string }> = {},
) {
  const headers: Record<string, string> = {
    cookie: customerCookie(customerId),
    ...(extra.key ? { 'idempotency-key': extra.key } : {}),
  };
  return call<OrderAccepted>(
    'POST',
    '/orders',
    { items, shippingAddress: { ...address, country: extra.country ?? 'DE' } },
    headers,
  );
}

/**
 * Places an order as a careful client does under load: with an Idempotency-Key, retrying the
 * same request after a 503 or 429 once its Retry-After has passed, so it is placed exactly once.
 */
export async function placeOrderPatiently(
  customerId: string,
  items: { sku: string; quantity: number }[],
  deadlineMs = 120_000,
) {
  const key = randomUUID();
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const answer = await placeOrder(customerId, items, { key });
    const retryLater = answer.status === 503 || answer.status === 429;
    if (!retryLater || Date.now() > deadline) return answer;
    const retryAfterSeconds = Number(answer.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfterSeconds, 2) * 1000));
  }
}

/** The order as the gateway shows it: from the read model, which follows the order's events. */
export async function order(orderId: string): Promise<OrderSummary> {
  const answer = await call<OrderSummary>('GET', `/orders/${orderId}`);
  if (answer.status !== 200) throw new Error(`order ${orderId}: ${answer.status}`);
  return answer.body;
}

/**
 * Waits until the order reaches one of `statuses`, and returns it. The read model is eventually
 * consistent: an order just placed may be unknown to it (404) for a moment, which counts as
 * not there yet.
 */
export async function orderReaching(
  orderId: string,
  statuses: OrderStatus[],
  timeoutMs = 60_000,
): Promise<OrderSummary> {
  let last: OrderSummary | undefined;
  await waitFor(
    async () => {
      last = await order(orderId);
      return statuses.includes(last.status);
    },
    {
      timeoutMs,
      intervalMs: 100,
      what: `order ${orderId} to reach ${statuses.join('/')} (last: ${last?.status})`,
    },
  );
  return last as OrderSummary;
}

export async function wallet(customerId: string): Promise<WalletView> {
  const answer = await call<WalletView>('GET', `/wallets/${customerId}`);
  if (answer.status !== 200)
    throw new Error(`wallet of ${customerId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function product(sku: string): Promise<ProductView> {
  return (await call<ProductView>('GET', `/products/${sku}`)).body;
}

/**
 * A product's available units as the gateway shows them (from the read model), once they are
 * `expected` or else as they last were after `timeoutMs`: the read model follows inventory's
 * events, so a change made by a saga shows a moment later. The caller asserts the number.
 */
export async function availableUnits(
  sku: string,
  expected: number,
  timeoutMs = 30_000,
): Promise<number | undefined> {
  let last: number | undefined;
  await waitFor(
    async () => {
      last = (await product(sku)).available;
      return last === expected;
    },
    { timeoutMs, intervalMs: 100, what: `${sku} to show ${expected} available` },
  ).catch(() => undefined);
  return last;
}
