import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrderStatus, OrderSummary } from '@orchard/contracts';
import { gatewayUrl } from '@orchard/stack';
import { assertProblem } from './problem-assertions';
import { rawRequest } from './raw-http';
import { customerWith, placeOrder, stockedProduct } from './shop-client';
import { customerCookie } from './sessions';

const finalStatuses: OrderStatus[] = ['DELIVERED', 'REJECTED', 'CANCELLED', 'FAILED'];

/** Reads an order's event stream until its summary reaches a final status; every summary sent. */
async function summariesUntilFinal(orderId: string, cookie: string): Promise<OrderSummary[]> {
  const response = await fetch(`${gatewayUrl}/orders/${orderId}/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: AbortSignal.timeout(90_000),
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const summaries: OrderSummary[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      assert.ok(!done, `the stream ended before a final status: ${summaries.map((s) => s.status)}`);
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (!block.startsWith('event: summary\n')) continue;
        summaries.push(JSON.parse(block.slice(block.indexOf('data: ') + 6)) as OrderSummary);
        if (finalStatuses.includes(summaries.at(-1)?.status as OrderStatus)) return summaries;
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe("an order's live events", () => {
  it('pushes each change of the summary, from the first status to DELIVERED, none twice', async () => {
    const tea = await stockedProduct(5, 650);
    const customer = await customerWith(5_000);
    const { body } = await placeOrder(customer, [{ sku: tea.sku, quantity: 2 }]);

    const summaries = await summariesUntilFinal(body.orderId, customerCookie(customer));

    const last = summaries.at(-1) as OrderSummary;
    assert.equal(last.status, 'DELIVERED', last.reason ?? '');
    assert.deepEqual(
      last.history.map((h) => h.status),
      ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'],
    );
    assert.ok(summaries.length >= 2, 'the summary was pushed as it changed, not only once');
    const sent = summaries.map((s) => JSON.stringify(s));
    assert.equal(new Set(sent).size, sent.length, 'no summary was sent twice');
    const order = ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'];
    const positions = summaries.map((s) => order.indexOf(s.status));
    assert.deepEqual(positions, [...positions].sort(), 'statuses arrive in order');
  });

  it("is no one else's to watch, and needs a session", async () => {
    const tea = await stockedProduct(5, 650);
    const owner = await customerWith(5_000);
    const stranger = await customerWith(0);
    const { body } = await placeOrder(owner, [{ sku: tea.sku, quantity: 1 }]);
    const path = `/orders/${body.orderId}/events`;
    assertProblem(await rawRequest({ path, headers: { cookie: customerCookie(stranger) } }), 404);
    assertProblem(await rawRequest({ path, anonymous: true }), 401);
    assertProblem(await rawRequest({ path: '/orders/not-a-uuid/events' }), 400);
  });
});
