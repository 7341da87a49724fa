import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  confirmedOrLater,
  shipmentOf,
  untilShippingHasSeenConfirmation,
  whileDispatchIsHeld,
} from './fulfilment';
import {
  assertMoneyConserved,
  assertStockConserved,
  countOrdersOf,
  paymentStatus,
  reservationStatuses,
} from './invariants';
import {
  availableUnits,
  call,
  customerWith,
  orderReaching,
  placeOrder,
  stockedProduct,
  wallet,
} from './shop-client';

/** After every scenario: no unit of stock and no cent of money appeared or vanished. */
async function assertInvariants(skus: string[], customers: string[]): Promise<void> {
  await assertStockConserved(skus);
  await assertMoneyConserved(customers);
}

describe('placing an order through the gateway', () => {
  it('confirms an order, priced by the catalog, charged once, shipped from two warehouses', async () => {
    const tea = await stockedProduct(10, 850, 'north');
    const mug = await stockedProduct(10, 1500, 'south');
    const customer = await customerWith(10_000);

    const accepted = await placeOrder(customer, [
      { sku: tea.sku, quantity: 2 },
      { sku: mug.sku, quantity: 1 },
    ]);
    assert.equal(accepted.status, 202);
    assert.equal(accepted.headers.get('location'), `/orders/${accepted.body.orderId}`);

    // Confirmed, and from then on shipping on its own (choreography.e2e.spec.ts follows it).
    const confirmed = await orderReaching(accepted.body.orderId, [...confirmedOrLater, 'REJECTED']);
    assert.ok(confirmedOrLater.includes(confirmed.status), confirmed.reason ?? confirmed.status);
    assert.equal(confirmed.totalCents, 3200);
    assert.deepEqual(
      confirmed.items.map((i) => [i.sku, i.quantity, i.unitPriceCents]).sort(),
      [
        [tea.sku, 2, 850],
        [mug.sku, 1, 1500],
      ].sort(),
    );
    assert.deepEqual(confirmed.history.map((h) => h.status).slice(0, 2), ['PENDING', 'CONFIRMED']);
    assert.deepEqual(await wallet(customer).then((w) => [w.balanceCents, w.heldCents]), [6800, 0]);
    assert.equal(await paymentStatus(confirmed.id), 'CAPTURED');
    assert.equal(await availableUnits(tea.sku, 8), 8);
    await assertInvariants([tea.sku, mug.sku], [customer]);
  });

  it('rejects an order it cannot fill and charges nothing', async () => {
    const scarce = await stockedProduct(1, 900);
    const customer = await customerWith(10_000);

    const accepted = await placeOrder(customer, [{ sku: scarce.sku, quantity: 2 }]);
    const rejected = await orderReaching(accepted.body.orderId, ['CONFIRMED', 'REJECTED']);

    assert.equal(rejected.status, 'REJECTED');
    assert.match(rejected.reason ?? '', /OutOfStock/);
    assert.deepEqual(
      await wallet(customer).then((w) => [w.balanceCents, w.heldCents]),
      [10_000, 0],
    );
    assert.equal(await paymentStatus(rejected.id), undefined);
    assert.equal(await availableUnits(scarce.sku, 1), 1);
    await assertInvariants([scarce.sku], [customer]);
  });

  it('rejects an order the customer cannot pay for and puts the stock back', async () => {
    const teapot = await stockedProduct(5, 4500);
    const customer = await customerWith(1_000);

    const accepted = await placeOrder(customer, [{ sku: teapot.sku, quantity: 1 }]);
    const rejected = await orderReaching(accepted.body.orderId, ['CONFIRMED', 'REJECTED']);

    assert.equal(rejected.status, 'REJECTED');
    assert.match(rejected.reason ?? '', /InsufficientFunds/);
    assert.deepEqual(await reservationStatuses(rejected.id), ['RELEASED']);
    assert.equal(await availableUnits(teapot.sku, 5), 5);
    assert.deepEqual(await wallet(customer).then((w) => [w.balanceCents, w.heldCents]), [1_000, 0]);
    await assertInvariants([teapot.sku], [customer]);
  });

  it('voids the payment and releases the stock when the order cannot be shipped', async () => {
    const tea = await stockedProduct(5, 850);
    const customer = await customerWith(5_000);

    const accepted = await placeOrder(customer, [{ sku: tea.sku, quantity: 1 }], { country: 'AQ' });
    const rejected = await orderReaching(accepted.body.orderId, ['CONFIRMED', 'REJECTED']);

    assert.equal(rejected.status, 'REJECTED');
    assert.match(rejected.reason ?? '', /Unshippable/);
    assert.equal(await paymentStatus(rejected.id), 'VOIDED');
    assert.deepEqual(await reservationStatuses(rejected.id), ['RELEASED']);
    assert.deepEqual(await wallet(customer).then((w) => [w.balanceCents, w.heldCents]), [5_000, 0]);
    await assertInvariants([tea.sku], [customer]);
  });

  it('cancels a confirmed order before it ships: refunds and restocks', async () => {
    const mug = await stockedProduct(4, 1500);
    const customer = await customerWith(5_000);
    // The shipping service dispatches on confirmation, usually well within a second: held
    // back here, so that the cancellation surely comes first.
    const accepted = await whileDispatchIsHeld(async () => {
      const placed = await placeOrder(customer, [{ sku: mug.sku, quantity: 2 }]);
      await orderReaching(placed.body.orderId, ['CONFIRMED']);
      const cancel = await call('POST', `/orders/${placed.body.orderId}/cancel`, {
        reason: 'changed my mind',
      });
      assert.equal(cancel.status, 202);
      await orderReaching(placed.body.orderId, ['CANCELLED']);
      return placed;
    });
    // Once the confirmation does reach shipping, the cancelled shipment stays where it is.
    await untilShippingHasSeenConfirmation(accepted.body.orderId);
    assert.deepEqual(await shipmentOf(accepted.body.orderId), {
      status: 'CANCELLED',
      parcels: ['CANCELLED'],
      dispatchedEvents: 0,
    });
    const cancelled = await orderReaching(accepted.body.orderId, ['CANCELLED']);

    assert.equal(cancelled.reason, 'changed my mind');
    assert.deepEqual(
      cancelled.history.map((h) => h.status),
      ['PENDING', 'CONFIRMED', 'CANCELLED'],
    );
    assert.equal(await paymentStatus(cancelled.id), 'REFUNDED');
    assert.deepEqual(await reservationStatuses(cancelled.id), ['RELEASED']);
    assert.equal(await availableUnits(mug.sku, 4), 4);
    assert.deepEqual(await wallet(customer).then((w) => [w.balanceCents, w.heldCents]), [5_000, 0]);

    const again = await call('POST', `/orders/${accepted.body.orderId}/cancel`, {});
    assert.equal(again.status, 409);
    assert.equal(again.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    await assertInvariants([mug.sku], [customer]);
  });

  it('places one order for retries that carry the same Idempotency-Key', async () => {
    const tea = await stockedProduct(10, 850);
    const customer = await customerWith(10_000);
    const key = randomUUID();

    const first = await placeOrder(customer, [{ sku: tea.sku, quantity: 1 }], { key });
    const retry = await placeOrder(customer, [{ sku: tea.sku, quantity: 1 }], { key });
    assert.equal(first.status, 202);
    assert.equal(retry.status, 202);
    assert.equal(retry.body.orderId, first.body.orderId);
    assert.equal(retry.headers.get('location'), `/orders/${first.body.orderId}`);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');

    const different = await placeOrder(customer, [{ sku: tea.sku, quantity: 2 }], { key });
    assert.equal(different.status, 422);

    await orderReaching(first.body.orderId, confirmedOrLater);
    assert.equal(await countOrdersOf(customer), 1);
    await assertInvariants([tea.sku], [customer]);
  });
});
