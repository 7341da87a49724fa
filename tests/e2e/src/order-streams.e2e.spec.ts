import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gatewayUrl, waitFor } from '@orchard/stack';
import { GatewayProcess } from './gateway-process';
import { assertProblem } from './problem-assertions';
import { rawRequest } from './raw-http';
import { logIn, signUpCustomer, type TestCustomer } from './sessions';
import { placeOrder, stockedProduct, type TestProduct } from './shop-client';

/** An order's event stream held open, and when (and with what last event) it ended. */
interface OpenStream {
  ended: Promise<{ at: number; lastEvent: string }>;
  close: () => void;
}

async function openStream(base: string, orderId: string, cookie: string): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(`${base}/orders/${orderId}/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  assert.equal(response.status, 200, `stream refused: ${response.status}`);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    let text = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted by the test.
    }
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1] ?? '');
    return { at: Date.now(), lastEvent: events.at(-1) ?? '' };
  })();
  return { ended, close: () => abort.abort() };
}

/** How long after `action` the stream ended; fails if it outlives `withinMs`. */
async function endsWithin(stream: OpenStream, action: () => Promise<unknown>, withinMs: number) {
  // Past the bound, the stream is closed here, and the assertions below say by how much.
  const timeout = setTimeout(() => stream.close(), withinMs + 5_000);
  try {
    await action();
    const actedAt = Date.now();
    const { at, lastEvent } = await stream.ended;
    assert.ok(at - actedAt <= withinMs, `the stream ended ${at - actedAt} ms after`);
    assert.equal(lastEvent, 'ended', 'the browser is told why');
  } finally {
    clearTimeout(timeout);
  }
}

const post = (path: string, cookie: string, body?: unknown) =>
  rawRequest({
    method: 'POST',
    path,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("an order's event stream lives no longer than its session", () => {
  let other: GatewayProcess;
  let tea: TestProduct;

  before(async () => {
    // A second gateway: a session ended on one ends its streams on the other.
    other = await GatewayProcess.start({});
    tea = await stockedProduct(50, 300);
  });
  after(async () => {
    await other?.stop();
  });

  const customerWithOrder = async (): Promise<TestCustomer & { orderId: string }> => {
    const customer = await signUpCustomer();
    await post(`/wallets/${customer.id}/deposits`, customer.cookie, { amountCents: 1_000 });
    const accepted = await placeOrder(customer.id, [{ sku: tea.sku, quantity: 1 }]);
    return { ...customer, orderId: accepted.body.orderId };
  };
  const otherGateway = () => `http://127.0.0.1:${other.port}`;

  it('ends within a second of a logout, on another gateway too', async () => {
    const customer = await customerWithOrder();
    const here = await openStream(gatewayUrl, customer.orderId, customer.cookie);
    const there = await openStream(otherGateway(), customer.orderId, customer.cookie);
    await endsWithin(here, () => post('/auth/logout', customer.cookie), 1_000);
    await endsWithin(there, async () => undefined, 1_000);
  });

  it('ends within a second of log-out-everywhere and of a password change elsewhere', async () => {
    const customer = await customerWithOrder();
    const watched = await openStream(otherGateway(), customer.orderId, customer.cookie);
    const elsewhere = await logIn(customer.email, customer.password);
    await endsWithin(
      watched,
      () =>
        post('/auth/password', elsewhere, {
          currentPassword: customer.password,
          newPassword: `new password ${randomUUID()}`,
        }),
      1_000,
    );

    const again = await customerWithOrder();
    const second = await logIn(again.email, again.password);
    const streams = [
      await openStream(gatewayUrl, again.orderId, again.cookie),
      await openStream(otherGateway(), again.orderId, second),
    ];
    for (const stream of streams)
      await endsWithin(stream, () => post('/auth/logout-everywhere', again.cookie), 1_000);
  });

  it('ends within a second of the session reaching its lifetime', async () => {
    const brief = await GatewayProcess.start({ SESSION_ABSOLUTE_SECONDS: '10' });
    try {
      const customer = await customerWithOrder();
      const cookie = await logIn(customer.email, customer.password);
      const loggedInAt = Date.now();
      const stream = await openStream(`http://127.0.0.1:${brief.port}`, customer.orderId, cookie);
      await endsWithin(stream, async () => undefined, 12_000);
      const lived = (await stream.ended).at - loggedInAt;
      assert.ok(lived >= 9_000 && lived <= 11_000, `it lived ${lived} ms of its 10 s`);
    } finally {
      await brief.stop();
    }
  });

  it('holds at most five streams per session, with a clear refusal past them', async () => {
    const customer = await customerWithOrder();
    const streams = [];
    for (let i = 0; i < 5; i++)
      streams.push(await openStream(gatewayUrl, customer.orderId, customer.cookie));
    const refused = await rawRequest({
      path: `/orders/${customer.orderId}/events`,
      headers: { cookie: customer.cookie },
    });
    const problem = assertProblem(refused, 429);
    assert.equal(problem['type'], '/problems/too-many-streams');
    streams.pop()?.close();
    // Closed: its place is free again, once the gateway has seen the connection go.
    await waitFor(
      async () => {
        const stream = await openStream(gatewayUrl, customer.orderId, customer.cookie);
        streams.push(stream);
        return true;
      },
      { timeoutMs: 5_000, intervalMs: 100, what: 'a place for a stream again' },
    );
    for (const stream of streams) stream.close();
  });
});
