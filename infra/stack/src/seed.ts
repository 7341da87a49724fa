import { gatewayUrl } from './topology';

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

export const demoCustomers = [
  { name: 'Ada', id: '5b0c4a0e-6f6e-4c2b-9a51-8d6f2f9a1c01', balanceCents: 50_000 },
  { name: 'Grace', id: '5b0c4a0e-6f6e-4c2b-9a51-8d6f2f9a1c02', balanceCents: 1_000 },
] as const;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(
      `seeding: ${method} ${path} answered ${response.status}: ${await response.text()}`,
    );
  return (await response.json()) as T;
}

/** Brings the demo data to its target state; running it again changes nothing. */
export async function seedDemoData(): Promise<void> {
  for (const p of demoProducts) {
    const product = await call<{ available: number }>('PUT', `/admin/products/${p.sku}`, {
      name: p.name,
      priceCents: p.priceCents,
      warehouse: p.warehouse,
      lowStockThreshold: 5,
    });
    if (product.available < p.stock) {
      await call('POST', `/admin/products/${p.sku}/stock-adjustments`, {
        delta: p.stock - product.available,
        reason: 'demo stock',
      });
    }
  }
  for (const c of demoCustomers) {
    const wallet = await fetch(`${gatewayUrl}/wallets/${c.id}`).then((r) =>
      r.ok ? (r.json() as Promise<{ balanceCents: number }>) : undefined,
    );
    const missing = c.balanceCents - (wallet?.balanceCents ?? 0);
    if (missing > 0) await call('POST', `/wallets/${c.id}/deposits`, { amountCents: missing });
  }
}

export function demoCommands(): string {
  const [ada] = demoCustomers;
  const order = {
    customerId: ada.id,
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
    'Place an order (Ada, two warehouses):',
    `  curl -si -X POST ${gatewayUrl}/orders -H 'content-type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \\`,
    `    -d '${JSON.stringify(order)}'`,
    'Read it back (use the Location header of the answer):',
    `  curl -s ${gatewayUrl}/orders/<order id>`,
    `API documentation: ${gatewayUrl}/docs`,
  ].join('\n');
}
