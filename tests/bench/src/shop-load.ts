import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { gatewayUrl } from '@orchard/stack';

/** A keep-alive client of the gateway for load: one pool, many concurrent requests. */
export class ShopLoad {
  private readonly pool = new Pool(gatewayUrl, { connections: 128 });
  private skus: string[] = [];
  private customers: string[] = [];

  async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await this.pool.request({
      method,
      path,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? JSON.parse(text) : undefined };
  }

  /** Products with plenty of stock in two warehouses, and customers with plenty of money. */
  async prepare(productCount: number, customerCount: number): Promise<void> {
    const run = randomUUID().slice(0, 6).toUpperCase();
    this.skus = Array.from({ length: productCount }, (_, i) => `B${run}-${i}`);
    for (const [i, sku] of this.skus.entries()) {
      await this.expect(200, 'PUT', `/admin/products/${sku}`, {
        name: `Bench ${sku}`,
        priceCents: 100 + i,
        warehouse: i % 2 ? 'south' : 'north',
        lowStockThreshold: 0,
      });
      await this.expect(201, 'POST', `/admin/products/${sku}/stock-adjustments`, {
        delta: 1_000_000,
        reason: 'bench',
      });
    }
    this.customers = Array.from({ length: customerCount }, () => randomUUID());
    for (const customer of this.customers) {
      await this.expect(201, 'POST', `/wallets/${customer}/deposits`, { amountCents: 100_000_000 });
    }
  }

  private async expect(
    status: number,
    method: 'PUT' | 'POST',
    path: string,
    body: unknown,
  ): Promise<void> {
    const answer = await this.request(method, path, body);
    if (answer.status !== status)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** Places an order of two products (usually two warehouses); returns its id and the latency. */
  async placeOrder(): Promise<{ orderId?: string; latencyMs: number; status: number }> {
    const pick = () => this.skus[Math.floor(Math.random() * this.skus.length)] as string;
    const [first, second] = [pick(), pick()];
    const items =
      first === second
        ? [{ sku: first, quantity: 2 }]
        : [
            { sku: first, quantity: 1 },
            { sku: second, quantity: 1 },
          ];
    const customerId = this.customers[Math.floor(Math.random() * this.customers.length)];
    const begin = performance.now();
    const answer = await this.request('POST', '/orders', {
      customerId,
      items,
      shippingAddress: {
        name: 'Bench',
        line1: '1 Load Street',
        city: 'Berlin',
        postalCode: '10115',
        country: 'DE',
      },
    });
    const latencyMs = performance.now() - begin;
    return {
      orderId: (answer.body as { orderId?: string })?.orderId,
      latencyMs,
      status: answer.status,
    };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
