import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitFor } from '@orchard/stack';
import { sagaOf, shipmentOf, stockOf } from './fulfilment';
import {
  assertMoneyConserved,
  assertStockConserved,
  paymentStatus,
  reservationStatuses,
} from './invariants';
import {
  call,
  customerWith,
  orderReaching,
  placeOrder,
  stockedProduct,
  wallet,
} from './shop-client';

const eventually = (what: string, condition: () => Promise<boolean>) =>
  waitFor(condition, { timeoutMs: 30_000, intervalMs: 100, what });

describe('after confirmation, the order moves on by events alone', () => {
  it('ships from two warehouses and is delivered, stock and money accounted for', async () => {
    const tea = await stockedProduct(10, 850, 'north');
    const mug = await stockedProduct(5, 1500, 'south');
    const customer = await customerWith(10_000);

    const accepted = await placeOrder(customer, [
      { sku: tea.sku, quantity: 2 },
      { sku: mug.sku, quantity: 1 },
    ]);
    const orderId = accepted.body.orderId;

    // Once a parcel has left, the customer can no longer cancel.
    const shipped = await orderReaching(orderId, ['SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED']);
    assert.ok(['SHIPPED', 'DELIVERED'].includes(shipped.status), shipped.reason ?? shipped.status);
    const tooLate = await call('POST', `/orders/${orderId}/cancel`, { reason: 'too late' });
    assert.equal(tooLate.status, 409);
    assert.equal(tooLate.headers.get('content-type'), 'application/problem+json; charset=utf-8');

    const delivered = await orderReaching(orderId, ['DELIVERED']);
    assert.deepEqual(
      delivered.history.map((h) => h.status),
      ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'],
    );
    assert.equal(delivered.totalCents, 3200);

    // Shipping: both parcels left and arrived, each announced once.
    assert.deepEqual(await shipmentOf(orderId), {
      status: 'DELIVERED',
      parcels: ['DELIVERED', 'DELIVERED'],
      dispatchedEvents: 2,
    });
    // Inventory: the reserved units became shipped as their parcels left.
    await eventually('the reservation to be committed', async () =>
      (await reservationStatuses(orderId)).every((s) => s === 'COMMITTED'),
    );
    assert.deepEqual(await reservationStatuses(orderId), ['COMMITTED', 'COMMITTED']);
    assert.deepEqual(await stockOf(tea.sku), { onHand: 8, reserved: 0, shipped: 2 });
    assert.deepEqual(await stockOf(mug.sku), { onHand: 4, reserved: 0, shipped: 1 });
    // Payment: charged once.
    assert.equal(await paymentStatus(orderId), 'CAPTURED');
    assert.deepEqual(await wallet(customer).then((w) => [w.balanceCents, w.heldCents]), [6800, 0]);
    // The saga was told and has finished.
    await eventually(
      'the saga to complete',
      async () => (await sagaOf(orderId)).status !== 'RUNNING',
    );
    assert.deepEqual(await sagaOf(orderId), {
      status: 'COMPLETED',
      outcome: { status: 'SHIPPED' },
    });

    await assertStockConserved([tea.sku, mug.sku]);
    await assertMoneyConserved([customer]);
  });
});
