import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { assertProblem } from './problem-assertions';
import { address, asRaw, call, customerWith, orderReaching, placeOrder } from './shop-client';

const problemJson = 'application/problem+json; charset=utf-8';

describe('the gateway refuses bad input with problem details', () => {
  it('answers malformed JSON with 400', async () => {
    const answer = await call('POST', '/orders', '{"items": ', {});
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('content-type'), problemJson);
  });

  it('answers a body that breaks the schema with 400 and names the fields', async () => {
    const answer = await call<{ errors: { path: string }[] }>('POST', '/orders', {
      items: [{ sku: 'TEA-001', quantity: 0 }],
      shippingAddress: { ...address, country: 'Germany' },
      unexpected: true,
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('content-type'), problemJson);
    const paths = answer.body.errors.map((e) => e.path);
    assert.ok(paths.includes('shippingAddress.country'), JSON.stringify(paths));
    assert.ok(paths.includes('items.0.quantity'), JSON.stringify(paths));
  });

  it('answers an unknown order with 404 and a malformed id with 400', async () => {
    assert.equal((await call('GET', `/orders/${randomUUID()}`)).status, 404);
    assert.equal((await call('GET', '/orders/42')).status, 400);
  });

  it('answers a crafted paging cursor with 400, whatever list it is given to', async () => {
    const crafted = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const placedKey = '2026-11-21T10:00:01.123456+00:00';
    const customer = await customerWith(0);
    for (const path of [
      `/customers/${customer}/orders?cursor=${crafted([placedKey, 'not-a-uuid'])}`,
      `/customers/${customer}/orders?cursor=${crafted(['yesterday', randomUUID()])}`,
      `/admin/orders?status=PENDING&cursor=${crafted([placedKey, "x' or 1=1"])}`,
      `/products?cursor=${crafted(['x'.repeat(500)])}`,
    ]) {
      const answer = await call('GET', path);
      assertProblem(asRaw(answer), 400);
    }
  });

  it('rejects an order for a product that does not exist', async () => {
    const customer = await customerWith(1_000);
    const accepted = await placeOrder(customer, [{ sku: 'NO-SUCH-SKU', quantity: 1 }]);
    const rejected = await orderReaching(accepted.body.orderId, ['REJECTED', 'CONFIRMED']);
    assert.equal(rejected.status, 'REJECTED');
    assert.match(rejected.reason ?? '', /UnknownProduct/);
  });

  it('never shows a stack trace or an internal name', async () => {
    const answer = await call<Record<string, unknown>>('POST', '/wallets/not-a-uuid/deposits', {
      amountCents: -5,
    });
    assert.equal(answer.status, 400);
    const text = JSON.stringify(answer.body);
    assert.doesNotMatch(text, /at \w+ \(|node_modules|127\.0\.0\.1|localhost/);
  });
});
