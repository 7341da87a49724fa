import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { WebhookDelivery, WebhookEndpointCreated, WebhookSecret } from '@orchard/contracts';
import { waitFor } from '@orchard/stack';
import { Webhook } from 'standardwebhooks';
import { assertProblem } from './problem-assertions';
import { asRaw, call, customerWith, placeOrder, stockedProduct } from './shop-client';
import { withDatabase } from './invariants';
import { customerCookie } from './sessions';
import { deliveryOf, registerPartner } from './webhook-partners';
import { TestReceiver, type Received } from './webhook-receiver';

const receivers: TestReceiver[] = [];
const endpoints: string[] = [];

async function endpointFor(
  receiver: TestReceiver,
  eventTypes: string[],
): Promise<WebhookEndpointCreated> {
  receivers.push(receiver);
  const created = await registerPartner(receiver, eventTypes);
  endpoints.push(created.id);
  return created;
}

/** An order of a product of its own: its events name an order no other spec has. */
async function anOrder(): Promise<string> {
  const jam = await stockedProduct(5, 300);
  const customer = await customerWith(1_000);
  const { body } = await placeOrder(customer, [{ sku: jam.sku, quantity: 1 }]);
  return body.orderId;
}

/** The id of the order's `order.placed`, as the order service published it. */
const placedEventOf = (orderId: string) =>
  withDatabase('order', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `select id from outbox where aggregateid = $1 and type = 'order.placed'`,
      [orderId],
    );
    return rows[0]?.id;
  });

const verifies = (secret: string, received: Received) =>
  new Webhook(secret).verify(received.body, {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  });

describe('outbound webhooks', () => {
  after(async () => {
    for (const id of endpoints) await call('DELETE', `/admin/webhook-endpoints/${id}`);
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  });

  it('delivers the events an endpoint subscribed to, signed, each once', async () => {
    const partner = new TestReceiver();
    const endpoint = await endpointFor(partner, ['order.placed', 'order.confirmed']);
    const orderId = await anOrder();
    await waitFor(async () => partner.about(orderId).length >= 2, {
      timeoutMs: 30_000,
      what: 'order.placed and order.confirmed at the partner',
    });
    const received = partner.about(orderId);
    assert.deepEqual(received.map((r) => r.event.type).sort(), ['order.confirmed', 'order.placed']);
    for (const r of received) assert.doesNotThrow(() => verifies(endpoint.secret, r));
    const tampered = {
      ...received[0],
      body: received[0]?.body.replace('order', 'Order'),
    } as Received;
    assert.throws(() => verifies(endpoint.secret, tampered));
    assert.equal(new Set(received.map((r) => r.headers['webhook-id'])).size, 2);
    // How long after the event happened the partner had it.
    const latencies = received.map((r) => r.receivedAt - Date.parse(r.event.occurredAt));
    console.log(`webhook delivery latency (event time to receipt): ${latencies.join(' ms, ')} ms`);

    for (const r of received) {
      const d = await deliveryOf(endpoint.id, r.event.id);
      assert.ok(d, `the delivery of ${r.event.type}`);
      assert.equal(d.status, 'DELIVERED');
      assert.deepEqual(
        d.attempts.map((a) => a.statusCode),
        [204],
      );
      assert.ok(d.attempts[0] && d.attempts[0].latencyMs >= 0);
    }
  });

  it('retries a failing endpoint with growing waits, while a slow one holds up no other', async () => {
    const flaky = new TestReceiver((attempt) => ({ status: attempt <= 3 ? 500 : 200 }));
    const slow = new TestReceiver(() => ({ status: 200, delayMs: 8_000 }));
    const fast = new TestReceiver();
    const flakyEndpoint = await endpointFor(flaky, ['order.placed']);
    await endpointFor(slow, ['order.placed']);
    await endpointFor(fast, ['order.placed']);
    const orderId = await anOrder();

    await waitFor(async () => fast.about(orderId).length === 1, {
      timeoutMs: 10_000,
      what: 'the fast partner served while the slow one hangs',
    });
    await waitFor(async () => flaky.about(orderId).length === 1, {
      timeoutMs: 30_000,
      what: 'the flaky partner served after three failures',
    });
    const delivery = await deliveryOf(flakyEndpoint.id, String(flaky.about(orderId)[0]?.event.id));
    assert.equal(delivery?.status, 'DELIVERED');
    assert.deepEqual(
      delivery?.attempts.map((a) => a.statusCode),
      [500, 500, 500, 200],
    );
    const times = delivery?.attempts.map((a) => Date.parse(a.at)) ?? [];
    const waits = times.slice(1).map((t, n) => t - (times[n] ?? t));
    console.log(`webhook retry waits: ${waits.join(' ms, ')} ms`);
    // Backoff with jitter over the upper half: at least 0.5 s, 1 s, 2 s.
    waits.forEach((wait, n) => assert.ok(wait >= 500 * 2 ** n - 50, `wait ${n + 1}: ${wait} ms`));
  });

  it("parks a delivery that keeps failing, and sends it again on an operator's word", async () => {
    const down = new TestReceiver(() => ({ status: 503 }));
    const endpoint = await endpointFor(down, ['order.placed']);
    const orderId = await anOrder();
    const eventId = String(await placedEventOf(orderId));
    let parked: WebhookDelivery | undefined;
    await waitFor(
      async () => (parked = await deliveryOf(endpoint.id, eventId))?.status === 'DEAD',
      {
        timeoutMs: 60_000,
        what: 'the delivery parked after its retry bound',
      },
    );
    const dead = await call<WebhookDelivery[]>('GET', '/admin/webhook-deliveries/dead');
    assert.ok(
      dead.body.some((d) => d.id === parked?.id),
      'listed among the parked deliveries',
    );
    assert.ok((parked?.attempts.length ?? 0) >= 3, JSON.stringify(parked?.attempts));
    assert.ok(parked?.attempts.every((a) => a.statusCode === 503));

    down.behaviour = () => ({ status: 200 });
    const redelivered = await call<WebhookDelivery>(
      'POST',
      `/admin/webhook-deliveries/${parked?.id}/redeliver`,
    );
    assert.equal(redelivered.status, 202, JSON.stringify(redelivered.body));
    await waitFor(async () => down.about(orderId).length === 1, {
      timeoutMs: 15_000,
      what: 'the redelivered event at the partner',
    });
    const again = await call('POST', `/admin/webhook-deliveries/${parked?.id}/redeliver`);
    assertProblem(asRaw(again), 409);
  });

  it('holds deliveries while paused, signs with both secrets after a rotation, and stops once deleted', async () => {
    const partner = new TestReceiver();
    const endpoint = await endpointFor(partner, ['order.placed']);
    const paused = await call('POST', `/admin/webhook-endpoints/${endpoint.id}/pause`);
    assert.equal(paused.status, 200);
    const whilePaused = await anOrder();
    const eventId = await placedEventOf(whilePaused);
    await waitFor(async () => (await deliveryOf(endpoint.id, String(eventId))) !== undefined, {
      timeoutMs: 15_000,
      what: 'the delivery queued while paused',
    });
    assert.equal(partner.about(whilePaused).length, 0);

    const rotated = await call<WebhookSecret>(
      'POST',
      `/admin/webhook-endpoints/${endpoint.id}/secret`,
    );
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, endpoint.secret);
    await call('POST', `/admin/webhook-endpoints/${endpoint.id}/resume`);
    await waitFor(async () => partner.about(whilePaused).length === 1, {
      timeoutMs: 15_000,
      what: 'the held delivery once resumed',
    });
    const [held] = partner.about(whilePaused);
    assert.ok(held);
    assert.doesNotThrow(() => verifies(rotated.body.secret, held));
    assert.doesNotThrow(() => verifies(endpoint.secret, held));

    const removed = await call('DELETE', `/admin/webhook-endpoints/${endpoint.id}`);
    assert.equal(removed.status, 204);
    assertProblem(asRaw(await call('GET', `/admin/webhook-endpoints/${endpoint.id}`)), 404);
  });

  it('refuses customers and endpoints it could not serve', async () => {
    const cookie = customerCookie(await customerWith(0));
    const good = { url: 'https://partner.example/hooks', eventTypes: ['order.placed'] };
    assertProblem(asRaw(await call('POST', '/admin/webhook-endpoints', good, { cookie })), 403);
    for (const bad of [
      { ...good, url: 'ftp://partner.example/hooks' },
      { ...good, url: 'https://user:secret@partner.example/hooks' },
      { ...good, eventTypes: ['order.teleported'] },
      { ...good, eventTypes: [] },
      { url: good.url },
    ])
      assertProblem(asRaw(await call('POST', '/admin/webhook-endpoints', bad)), 400);
    assertProblem(asRaw(await call('GET', `/admin/webhook-endpoints/${randomUUID()}`)), 404);
    assertProblem(
      asRaw(await call('POST', `/admin/webhook-deliveries/${randomUUID()}/redeliver`)),
      404,
    );
  });
});
