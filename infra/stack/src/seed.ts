import { sessionCookieFrom } from './session-cookie';
import { adminAccount, gatewayUrl } from './topology';

/** Demo data: products in two warehouses, and two customers with money in their wallets. */
export const demoProducts = [
  {
    sku: 'TEA-001',
    name: 'Sencha green tea, 100 g',
    priceCents: 850,
    warehouse: 'north',
    stock: 100,
  },
  {
    sku: 'TEA-002',
    name: 'Assam black tea, 250 g',
    priceCents: 1200,
    warehouse: 'north',
    stock: 100,
  },
  { sku: 'MUG-001', name: 'Stoneware mug', priceCents: 1500, warehouse: 'south', stock: 50 },
  { sku: 'POT-001', name: 'Cast-iron teapot', priceCents: 4500, warehouse: 'south', stock: 20 },
] as const;

/** Demo customers with local passwords, like the other local defaults of the stack. */
export const demoCustomers = [
  { name: 'Ada', email: 'ada@orchard.local', password: 'ada-lovelace-1815', balanceCents: 50_000 },
  {
    name: 'Grace',
    email: 'grace@orchard.local',
    password: 'grace-hopper-1906',
    balanceCents: 1_000,
  },
] as const;

interface Answer<T> {
  status: number;
  body: T;
  setCookies: string[];
}

async function request<T>(method: string, path: string, body?: unknown, cookie?: string) {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    setCookies: response.headers.getSetCookie(),
  } satisfies Answer<T>;
}

async function call<T>(method: string, path: string, body: unknown, cookie: string): Promise<T> {
  const answer = await request<T>(method, path, body, cookie);
  if (answer.status >= 300)
    throw new Error(
      `seeding: ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  return answer.body;
}

/** Logs in; returns the account id and the `Cookie` value of its session. */
async function logIn(email: string, password: string): Promise<{ id: string; cookie: string }> {
  const answer = await request<{ id: string }>('POST', '/auth/login', { email, password });
  const cookie = sessionCookieFrom(answer.setCookies);
  if (answer.status !== 200 || !cookie)
    throw new Error(`seeding: login of ${email} answered ${answer.status}`);
  return { id: answer.body.id, cookie };
}

/** Brings the demo data to its target state; running it again changes nothing. */
export async function seedDemoData(): Promise<void> {
  const admin = await logIn(adminAccount().email, adminAccount().password);
  for (const p of demoProducts) {
    const product = await call<{ available: number }>(
      'PUT',
      `/admin/products/${p.sku}`,
      { name: p.name, priceCents: p.priceCents, warehouse: p.warehouse, lowStockThreshold: 5 },
      admin.cookie,
    );
    if (product.available < p.stock) {
      await call(
        'POST',
        `/admin/products/${p.sku}/stock-adjustments`,
        { delta: p.stock - product.available, reason: 'demo stock' },
        admin.cookie,
      );
    }
  }
  for (const c of demoCustomers) {
    const signUp = await request('POST', '/auth/signup', { email: c.email, password: c.password });
    if (signUp.status !== 202)
      throw new Error(`seeding: sign-up of ${c.email} answered ${signUp.status}`);
    const customer = await logIn(c.email, c.password);
    const wallet = await request<{ balanceCents: number }>(
      'GET',
      `/wallets/${customer.id}`,
      undefined,
      customer.cookie,
    );
    const missing = c.balanceCents - (wallet.status === 200 ? wallet.body.balanceCents : 0);
    if (missing > 0)
      await call(
        'POST',
        `/wallets/${customer.id}/deposits`,
        { amountCents: missing },
        customer.cookie,
      );
  }
}

export function demoCommands(): string {
  const [ada] = demoCustomers;
  const order = {
    items: [
      { sku: 'TEA-001', quantity: 2 },
      { sku: 'MUG-001', quantity: 1 },
    ],
    shippingAddress: {
      name: 'Ada Lovelace',
      line1: '12 St James Square',
      city: 'London',
      postalCode: 'SW1Y 4JH',
      country: 'GB',
    },
  };
  return [
    'Log in as Ada (the session cookie goes into ada.cookies):',
    `  curl -s -c ada.cookies ${gatewayUrl}/auth/login -H 'content-type: application/json' -d '${JSON.stringify({ email: ada.email, password: ada.password })}'`,
    'Place an order (two warehouses):',
    `  curl -si -b ada.cookies -X POST ${gatewayUrl}/orders -H 'content-type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \\`,
    `    -d '${JSON.stringify(order)}'`,
    'Read it back (use the Location header of the answer):',
    `  curl -s -b ada.cookies ${gatewayUrl}/orders/<order id>`,
    `API documentation: ${gatewayUrl}/docs`,
    // Never the password itself: a terminal's scrollback and CI logs keep what is printed.
    `Administrator: ${adminAccount().email}; its password, kept in .stack/secrets.json (owner only): npm run stack -- admin-password`,
  ].join('\n');
}
