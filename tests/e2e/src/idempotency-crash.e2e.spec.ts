import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { apps, appUrl, waitFor } from '@orchard/stack';
import { confirmedOrLater } from './fulfilment';
import { GatewayProcess } from './gateway-process';
import { HeldUpstream } from './held-upstream';
import { assertMoneyConserved, assertStockConserved, countOrdersOf } from './invariants';
import { address, customerWith, orderReaching, placeOrder, stockedProduct } from './shop-client';
import { customerCookie } from './sessions';

const orderService = appUrl(apps.find((app) => app.name === 'order-service')?.port ?? 3001);

describe('an Idempotency-Key after the gateway serving it died', () => {
  it('answers again within seconds, with the one order that exists', async () => {
    const tea = await stockedProduct(5, 850);
    const customer = await customerWith(5_000);
    const key = randomUUID();
    const items = [{ sku: tea.sku, quantity: 1 }];
    const held = await HeldUpstream.start(orderService);
    const doomed = await GatewayProcess.start({ ORDER_SERVICE_URL: held.url });
    try {
      // Placed through a gateway that dies after the order service answered, before it could.
      const inFlight = fetch(`http://127.0.0.1:${doomed.port}/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': key,
          cookie: customerCookie(customer),
        },
        body: JSON.stringify({ items, shippingAddress: address }),
      }).catch(() => undefined);
      await waitFor(async () => held.answers.length === 1, {
        timeoutMs: 15_000,
        what: 'the order service to answer the doomed gateway',
      });
      await doomed.kill();
      await inFlight;
      const placed = JSON.parse(held.answers[0]?.body ?? '{}') as { orderId: string };

      const early = await placeOrder(customer, items, { key });
      assert.equal(early.status, 409, 'the dead gateway’s lease has not lapsed yet');
      assert.ok(Number(early.headers.get('retry-after')) > 0);

      const lapsedAt = Date.now();
      let retry = early;
      await waitFor(
        async () => {
          retry = await placeOrder(customer, items, { key });
          return retry.status !== 409;
        },
        { timeoutMs: 20_000, intervalMs: 250, what: 'the key to answer again' },
      );
      assert.ok(Date.now() - lapsedAt < 12_000, `answered after ${Date.now() - lapsedAt} ms`);
      assert.equal(retry.status, 202, JSON.stringify(retry.body));
      assert.equal(retry.body.orderId, placed.orderId);
      const replay = await placeOrder(customer, items, { key });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal(replay.body.orderId, placed.orderId);
    } finally {
      await doomed.kill();
      await held.stop();
    }
    await orderReaching(
      (await placeOrder(customer, items, { key })).body.orderId,
      confirmedOrLater,
    );
    assert.equal(await countOrdersOf(customer), 1);
    await assertStockConserved([tea.sku]);
    await assertMoneyConserved([customer]);
  });
});
