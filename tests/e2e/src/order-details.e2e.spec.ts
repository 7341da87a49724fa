import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManagedProcess } from '@orchard/stack';
import { call, customerWith, orderReaching, placeOrder, stockedProduct } from './shop-client';

interface Details {
  order: { id: string } | null;
  payment: { status: string } | null;
  shipment: { parcels: unknown[] } | null;
  reservation: unknown;
  missing: { part: string; reason: string }[];
}

async function confirmedOrder(): Promise<string> {
  const tea = await stockedProduct(5, 850, 'north');
  const mug = await stockedProduct(5, 1500, 'south');
  const customer = await customerWith(10_000);
  const accepted = await placeOrder(customer, [
    { sku: tea.sku, quantity: 1 },
    { sku: mug.sku, quantity: 1 },
  ]);
  await orderReaching(accepted.body.orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);
  return accepted.body.orderId;
}

/** Pauses a service's process (SIGSTOP): it keeps its connections but answers nothing. */
async function whilePaused<T>(name: string, work: () => Promise<T>): Promise<T> {
  const pid = new ManagedProcess(name).runningPid();
  assert.ok(pid, `${name} is running`);
  process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

describe('order details aggregated by the gateway', () => {
  it('gathers the order, payment, shipment and reservation from their services', async () => {
    const orderId = await confirmedOrder();
    const details = await call<Details>('GET', `/orders/${orderId}/details`);
    assert.equal(details.status, 200);
    assert.equal(details.body.order?.id, orderId);
    assert.equal(details.body.payment?.status, 'CAPTURED');
    assert.equal(details.body.shipment?.parcels.length, 2);
    assert.ok(details.body.reservation);
    assert.deepEqual(details.body.missing, []);
  });

  it('answers in time with the part of a stalled service missing, not a 500', async () => {
    const orderId = await confirmedOrder();
    const begin = Date.now();
    const details = await whilePaused('payment-service', () =>
      call<Details>('GET', `/orders/${orderId}/details`),
    );
    const tookMs = Date.now() - begin;

    assert.equal(details.status, 200);
    assert.ok(tookMs < 3_000, `answered after ${tookMs} ms`);
    assert.equal(details.body.payment, null);
    assert.deepEqual(
      details.body.missing.map((m) => m.part),
      ['payment'],
    );
    assert.equal(details.body.order?.id, orderId);
    assert.equal(details.body.shipment?.parcels.length, 2);
  });

  it('answers 404 for an order that does not exist', async () => {
    const answer = await call('GET', '/orders/00000000-0000-4000-8000-000000000000/details');
    assert.equal(answer.status, 404);
  });
});
