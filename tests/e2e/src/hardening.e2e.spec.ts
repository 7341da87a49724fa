import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { assertProblem } from './problem-assertions';
import { jsonRequest, rawRequest } from './raw-http';
import { validOrder as order } from './order-body';
import { address } from './shop-client';

const product = { name: 'Hardening tea', priceCents: 500, warehouse: 'north' };

/** The fields a 400 names, each once (one value may break several rules). */
const fieldsOf = (body: Record<string, unknown>) => [
  ...new Set(((body['errors'] ?? []) as { path: string }[]).map((e) => e.path)),
];

describe('the gateway refuses hostile input with problem details and nothing internal', () => {
  it('refuses an unknown field (400), at the top and nested', async () => {
    const top = assertProblem(await jsonRequest('POST', '/orders', order({ isAdmin: true })), 400);
    assert.deepEqual(fieldsOf(top), ['']);
    assert.match(JSON.stringify(top['errors']), /isAdmin/);
    const nested = await jsonRequest(
      'POST',
      '/orders',
      order({ shippingAddress: { ...address, giftWrap: 'yes' } }),
    );
    assert.deepEqual(fieldsOf(assertProblem(nested, 400)), ['shippingAddress']);
  });

  it('refuses an oversize string (400)', async () => {
    const longName = order({ shippingAddress: { ...address, name: 'x'.repeat(101) } });
    const body = assertProblem(await jsonRequest('POST', '/orders', longName), 400);
    assert.deepEqual(fieldsOf(body), ['shippingAddress.name']);
    const longReason = { delta: 1, reason: 'r'.repeat(5_000) };
    assertProblem(
      await jsonRequest('POST', '/admin/products/TEA-001/stock-adjustments', longReason),
      400,
    );
  });

  it('refuses control characters and unpaired surrogates in text (400, not a storage failure)', async () => {
    for (const name of ['nul\u0000byte', 'new\nline', 'lone\ud800surrogate']) {
      const answer = await jsonRequest(
        'PUT',
        `/admin/products/HARDEN-${randomUUID().slice(0, 8).toUpperCase()}`,
        {
          ...product,
          name,
        },
      );
      assert.deepEqual(fieldsOf(assertProblem(answer, 400)), ['name'], JSON.stringify(name));
    }
  });

  it('refuses a huge array (400)', async () => {
    const items = Array.from({ length: 51 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }));
    const body = assertProblem(await jsonRequest('POST', '/orders', order({ items })), 400);
    assert.deepEqual(fieldsOf(body), ['items']);
  });

  it('refuses negative, fractional, absurd and mistyped numbers (400 each)', async () => {
    const line = (quantity: unknown) => order({ items: [{ sku: 'TEA-001', quantity }] });
    const wallet = `/wallets/${randomUUID()}/deposits`;
    const attempts: [string, string, unknown, string][] = [
      ['POST', '/orders', line(-1), 'items.0.quantity'],
      ['POST', '/orders', line(1.5), 'items.0.quantity'],
      ['POST', '/orders', line(1e308), 'items.0.quantity'],
      ['POST', '/orders', line('2'), 'items.0.quantity'],
      ['POST', wallet, { amountCents: -100 }, 'amountCents'],
      ['POST', wallet, { amountCents: 0 }, 'amountCents'],
      ['POST', wallet, { amountCents: 1e21 }, 'amountCents'],
      ['PUT', '/admin/products/HARDEN-NUMBERS', { ...product, priceCents: -5 }, 'priceCents'],
      ['PUT', '/admin/products/HARDEN-NUMBERS', { ...product, priceCents: 2 ** 53 }, 'priceCents'],
      [
        'POST',
        '/admin/products/HARDEN-NUMBERS/stock-adjustments',
        { delta: 0, reason: 'x' },
        'delta',
      ],
      [
        'POST',
        '/admin/products/HARDEN-NUMBERS/stock-adjustments',
        { delta: -1e9, reason: 'x' },
        'delta',
      ],
    ];
    for (const [method, path, body, field] of attempts) {
      const refused = assertProblem(await jsonRequest(method, path, body), 400);
      assert.deepEqual(fieldsOf(refused), [field], `${method} ${path} ${JSON.stringify(body)}`);
    }
    // 1e400 is not a number JSON.parse can keep: it becomes Infinity, which no schema accepts.
    const infinite = await rawRequest({
      method: 'POST',
      path: wallet,
      headers: { 'content-type': 'application/json' },
      body: '{"amountCents": 1e400}',
    });
    assert.deepEqual(fieldsOf(assertProblem(infinite, 400)), ['amountCents']);
  });

  it('refuses malformed JSON and JSON that tries to pollute prototypes (400)', async () => {
    for (const body of ['{"customerId": ', '{"a":1}}', "{'single': 'quotes'}", '']) {
      const answer = await rawRequest({
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assertProblem(answer, 400);
    }
    for (const body of ['{"__proto__": {"isAdmin": true}}', '{"constructor": {"prototype": {}}}']) {
      const answer = await rawRequest({
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assertProblem(answer, 400);
    }
  });

  it('refuses a body that is not JSON (415), whatever it claims to be', async () => {
    const bodies: [string, string][] = [
      ['text/plain', JSON.stringify(order())],
      ['application/x-www-form-urlencoded', 'customerId=1&items=2'],
      ['application/xml', '<order><customerId>1</customerId></order>'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      ],
      ['application/json-patch+json', '[]'],
    ];
    for (const [contentType, body] of bodies) {
      const answer = await rawRequest({
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': contentType },
        body,
      });
      assertProblem(answer, 415);
    }
    const untyped = await rawRequest({
      method: 'POST',
      path: '/orders',
      body: JSON.stringify(order()),
    });
    assertProblem(untyped, 415);
  });

  it('refuses a body over the limit (413) before parsing it', async () => {
    const huge = JSON.stringify(order({ padding: 'x'.repeat(64 * 1024) }));
    assertProblem(
      await rawRequest({
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json' },
        body: huge,
      }),
      413,
    );
    // Not even valid JSON: the size alone decides.
    assertProblem(
      await rawRequest({
        method: 'PUT',
        path: '/admin/products/HARDEN-BIG',
        headers: { 'content-type': 'application/json' },
        body: '['.repeat(100_000),
      }),
      413,
    );
  });

  it('answers traversal, SQL-ish and unicode junk in path parameters with 400 or 404, never 500', async () => {
    const paths = [
      '/products/..%2F..%2Fetc%2Fpasswd',
      '/products/../../etc/passwd',
      '/admin/products/..%2F..%2Forders/stock-adjustments',
      '/orders/..%2F..%2Fadmin',
      '/orders/%2e%2e%2f%2e%2e%2fhealth',
      "/products/'%20OR%20'1'%3D'1",
      '/products/TEA-001%27%3B%20DROP%20TABLE%20products%3B--',
      '/orders/1%20OR%201%3D1',
      '/wallets/00000000-0000-0000-0000-000000000000%27--',
      '/products/%F0%9F%92%A9',
      '/products/%00',
      '/products/%C0%AE%C0%AE',
      '/products/%ZZ',
      '/orders/%E2%80%AE00000000-0000-4000-8000-000000000000',
      `/products/${'A'.repeat(300)}`,
      `/customers/${'%FF'.repeat(50)}/orders`,
    ];
    for (const path of paths) {
      const answer = await rawRequest({ path });
      assertProblem(answer, [400, 404]);
    }
  });

  it('sets the security headers on answers and errors alike', async () => {
    for (const path of ['/products', '/orders/not-an-id', '/no/such/route']) {
      const { headers } = await rawRequest({ path });
      assert.equal(
        headers['content-security-policy'],
        "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
        path,
      );
      assert.equal(headers['x-content-type-options'], 'nosniff', path);
      assert.equal(headers['x-frame-options'], 'DENY', path);
      assert.equal(headers['referrer-policy'], 'no-referrer', path);
      assert.match(String(headers['strict-transport-security']), /max-age=\d+/, path);
      assert.equal(headers['cross-origin-resource-policy'], 'same-origin', path);
      assert.equal(headers['x-powered-by'], undefined, path);
    }
  });

  it('serves Swagger UI at /docs under a policy that lets its own assets load', async () => {
    const page = await rawRequest({ path: '/docs' });
    assert.equal(page.status, 200);
    const policy = String(page.headers['content-security-policy']);
    assert.match(policy, /script-src 'self'/);
    assert.match(policy, /style-src 'self' 'unsafe-inline'/); // the page's inline <style>
    assert.match(policy, /img-src 'self' data:/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.doesNotMatch(page.text, /<script>[^<]/, 'no inline script the policy would block');
    for (const asset of page.text.matchAll(/(?:src|href)="\.\/docs\/([\w.-]+)"/g)) {
      const answer = await rawRequest({ path: `/docs/${asset[1]}` });
      assert.equal(answer.status, 200, `/docs/${asset[1]}`);
    }
    const document = await rawRequest({ path: '/docs/openapi.json' });
    assert.equal(document.status, 200);
  });
});
