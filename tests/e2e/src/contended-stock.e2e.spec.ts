import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmedOrLater, stockOf } from './fulfilment';
import { assertMoneyConserved, assertStockConserved } from './invariants';
import { customerWith, orderReaching, placeOrderPatiently, stockedProduct } from './shop-client';

describe('stock under contention (per-SKU locks with fencing)', () => {
  it('confirms exactly 50 of 200 concurrent orders for 50 units, and stock never goes negative', async () => {
    const units = 50;
    const orders = 200;
    const scarce = await stockedProduct(units, 300);
    const customers = await Promise.all(Array.from({ length: 10 }, () => customerWith(100_000)));

    // A burst this size can outrun the order service's answers (503, Retry-After): the
    // clients retry with their Idempotency-Key, and each order is still placed once.
    const accepted = await Promise.all(
      Array.from({ length: orders }, (_, i) =>
        placeOrderPatiently(customers[i % customers.length] as string, [
          { sku: scarce.sku, quantity: 1 },
        ]),
      ),
    );
    assert.deepEqual(
      accepted.map((a) => a.status),
      Array<number>(orders).fill(202),
    );

    const outcomes = await Promise.all(
      accepted.map((a) =>
        orderReaching(a.body.orderId, [...confirmedOrLater, 'REJECTED'], 180_000),
      ),
    );
    const confirmed = outcomes.filter((o) => confirmedOrLater.includes(o.status));
    const rejected = outcomes.filter((o) => o.status === 'REJECTED');
    assert.equal(new Set(accepted.map((a) => a.body.orderId)).size, orders, 'one order each');
    assert.equal(confirmed.length, units, 'exactly as many orders as units');
    assert.equal(rejected.length, orders - units);
    for (const order of rejected) assert.match(order.reason ?? '', /OutOfStock/);

    const stock = await stockOf(scarce.sku);
    assert.equal(stock?.onHand, 0, 'every unit went to an order');
    assert.equal((stock?.reserved ?? 0) + (stock?.shipped ?? 0), units);
    await assertStockConserved([scarce.sku]);
    await assertMoneyConserved(customers);
  });
});
