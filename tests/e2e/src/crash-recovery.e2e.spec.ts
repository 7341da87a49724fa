import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack, system, waitFor } from '@orchard/stack';
import { confirmedOrLater } from './fulfilment';
import {
  assertMoneyConserved,
  assertStockConserved,
  orderStatus,
  paymentStatus,
  reservationStatuses,
} from './invariants';
import { killHard } from './process-faults';
import { customerWith, orderReaching, placeOrder, stockedProduct, wallet } from './shop-client';

describe('a service killed in the middle of a saga', () => {
  it('finishes the saga correctly once the service is back', async () => {
    const tea = await stockedProduct(5, 850);
    const customer = await customerWith(5_000);

    await killHard('payment-service');
    const accepted = await placeOrder(customer, [{ sku: tea.sku, quantity: 2 }]);
    // The saga has reserved stock and is stuck on the payment step while the service is dead.
    await waitFor(
      async () => (await reservationStatuses(accepted.body.orderId)).includes('RESERVED'),
      {
        timeoutMs: 30_000,
        what: 'the stock reservation',
      },
    );
    // Asked where it is decided: the gateway's read model may not have the order yet.
    assert.equal(await orderStatus(accepted.body.orderId), 'PENDING');

    await new Stack(system()).select(['payment-service']).up();
    const confirmed = await orderReaching(accepted.body.orderId, [...confirmedOrLater, 'REJECTED']);

    assert.ok(confirmedOrLater.includes(confirmed.status), confirmed.reason ?? confirmed.status);
    assert.equal(await paymentStatus(confirmed.id), 'CAPTURED');
    assert.deepEqual(await wallet(customer).then((w) => [w.balanceCents, w.heldCents]), [3_300, 0]);
    await assertStockConserved([tea.sku]);
    await assertMoneyConserved([customer]);
  });

  it('finishes when the order service itself, which runs the workflows, is killed mid-saga', async () => {
    const mug = await stockedProduct(5, 1500);
    const customer = await customerWith(5_000);

    await killHard('shipping-service');
    const accepted = await placeOrder(customer, [{ sku: mug.sku, quantity: 1 }]);
    await waitFor(async () => (await paymentStatus(accepted.body.orderId)) === 'AUTHORIZED', {
      timeoutMs: 30_000,
      what: 'the payment authorization',
    });
    await killHard('order-service');

    await new Stack(system()).select(['order-service', 'shipping-service']).up();
    const confirmed = await orderReaching(accepted.body.orderId, [...confirmedOrLater, 'REJECTED']);

    assert.ok(confirmedOrLater.includes(confirmed.status), confirmed.reason ?? confirmed.status);
    assert.equal(await paymentStatus(confirmed.id), 'CAPTURED');
    await assertStockConserved([mug.sku]);
    await assertMoneyConserved([customer]);
  });
});
