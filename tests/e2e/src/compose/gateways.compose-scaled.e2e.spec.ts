import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { setTimeout as pause } from 'node:timers/promises';
import type { OrderAccepted } from '@orchard/contracts';
import {
  appPorts,
  balancedApps,
  composeProjectOfEnvironment,
  containerState,
  crashContainer,
  gatewayUrl,
  host,
  waitFor,
} from '@orchard/stack';
import { confirmedOrLater } from '../fulfilment';
import { customerCookie } from '../sessions';
import { address, customerWith, orderReaching, stockedProduct } from '../shop-client';

/** The scaled compose stack: two gateways behind HAProxy, which keeps answering when one dies. */
describe('the scaled compose stack', () => {
  const project = composeProjectOfEnvironment();
  const gateways = balancedApps().find((b) => b.port === appPorts.gateway)?.instances ?? [];

  async function placeOrderAt(baseUrl: string, customerId: string, sku: string) {
    const response = await fetch(`${baseUrl}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: customerCookie(customerId),
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ items: [{ sku, quantity: 1 }], shippingAddress: address }),
    });
    return { status: response.status, body: (await response.json()) as OrderAccepted };
  }

  it('takes an order through each gateway container, and each is confirmed', async () => {
    assert.equal(gateways.length, 2);
    const tea = await stockedProduct(10, 700);
    const customer = await customerWith(10_000);
    for (const gateway of gateways) {
      const accepted = await placeOrderAt(`http://${host}:${gateway.port}`, customer, tea.sku);
      assert.equal(accepted.status, 202, `${gateway.name} accepts the order`);
      const placed = await orderReaching(accepted.body.orderId, [...confirmedOrLater, 'REJECTED']);
      assert.ok(confirmedOrLater.includes(placed.status), `${gateway.name}: ${placed.status}`);
    }
  });

  it('keeps answering through HAProxy while a gateway container is killed, and takes it back', async (t) => {
    const tea = await stockedProduct(10, 700);
    const customer = await customerWith(10_000);
    const before = await containerState(project, 'gateway');
    const answers: number[] = [];
    let reading = true;
    // Reads through HAProxy, one after another, from before the kill until the gateway is back.
    const reader = (async () => {
      while (reading) {
        const response = await fetch(`${gatewayUrl}/products/${tea.sku}`).catch(() => undefined);
        answers.push(response?.status ?? 0);
        await response?.arrayBuffer();
        // About 20 reads a second: a client's pace, not a load test.
        await pause(50);
      }
    })();
    try {
      await waitFor(async () => answers.length >= 20, { timeoutMs: 10_000, what: '20 reads' });
      await crashContainer(project, 'gateway');
      await waitFor(
        async () => (await containerState(project, 'gateway')).restartCount > before.restartCount,
        { timeoutMs: 60_000, what: 'the gateway container to be restarted' },
      );
      await waitFor(async () => (await containerState(project, 'gateway')).health === 'healthy', {
        timeoutMs: 120_000,
        intervalMs: 1_000,
        what: 'the gateway container to be healthy again',
      });
    } finally {
      reading = false;
      await reader;
    }
    const failed = answers.filter((status) => status !== 200);
    t.diagnostic(`${failed.length} of ${answers.length} reads failed while a gateway died`);
    // A read already sent to the gateway as it died may fail; HAProxy sends the next ones to
    // the other gateway.
    assert.ok(failed.length <= 2, `${failed.length} of ${answers.length} reads failed: ${failed}`);
    assert.ok(answers.length > 40, `${answers.length} reads answered`);
    const accepted = await placeOrderAt(gatewayUrl, customer, tea.sku);
    assert.equal(accepted.status, 202);
    const placed = await orderReaching(accepted.body.orderId, [...confirmedOrLater, 'REJECTED']);
    assert.ok(confirmedOrLater.includes(placed.status), placed.status);
  });
});
