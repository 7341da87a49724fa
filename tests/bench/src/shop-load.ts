import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { adminAccount, gatewayUrl, sessionCookieFrom } from '@orchard/stack';

interface Customer {
  id: string;
  cookie: string;
}

/** A keep-alive client of the gateway for load: one pool, many concurrent requests. */
export class ShopLoad {
  private readonly pool = new Pool(gatewayUrl, { connections: 128 });
  private skus: string[] = [];
  private customers: Customer[] = [];
  /** The administrator's session: arranges products, and may read any order. */
  adminCookie = '';

  async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    cookie = this.adminCookie,
  ): Promise<{ status: number; body: unknown; setCookie?: string }> {
    const response = await this.pool.request({
      method,
      path,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie ? { cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    const setCookies = [response.headers['set-cookie'] ?? []].flat();
    return {
      status: response.statusCode,
      body: text ? JSON.parse(text) : undefined,
      setCookie: sessionCookieFrom(setCookies),
    };
  }

  private async logIn(email: string, password: string): Promise<Customer> {
    const answer = await this.request('POST', '/auth/login', { email, password }, '');
    if (answer.status !== 200 || !answer.setCookie) throw new Error(`login: ${answer.status}`);
    return { id: (answer.body as { id: string }).id, cookie: answer.setCookie };
  }

  /** Products with plenty of stock in two warehouses, and customers with plenty of money. */
  async prepare(productCount: number, customerCount: number): Promise<void> {
    this.adminCookie = (await this.logIn(adminAccount().email, adminAccount().password)).cookie;
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
    this.customers = [];
    for (let i = 0; i < customerCount; i++) {
      const email = `bench-${randomUUID()}@example.test`;
      const password = `bench-${randomUUID()}`;
      await this.expect(202, 'POST', '/auth/signup', { email, password });
      const customer = await this.logIn(email, password);
      const path = `/wallets/${customer.id}/deposits`;
      const deposit = await this.request(
        'POST',
        path,
        { amountCents: 100_000_000 },
        customer.cookie,
      );
      if (deposit.status !== 201) throw new Error(`deposit: ${deposit.status}`);
      this.customers.push(customer);
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
    const customer = this.customers[Math.floor(Math.random() * this.customers.length)];
    const begin = performance.now();
    const answer = await this.request(
      'POST',
      '/orders',
      {
        items,
        shippingAddress: {
          name: 'Bench',
          line1: '1 Load Street',
          city: 'Berlin',
          postalCode: '10115',
          country: 'DE',
        },
      },
      customer?.cookie,
    );
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
