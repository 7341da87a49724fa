import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { OrderSummary } from '@orchard/contracts';
import { appPorts, waitFor } from '@orchard/stack';
import { GatewayProcess } from './gateway-process';
import { scrapeMetrics, seriesSum } from './metrics-scrape';
import { rawRequest } from './raw-http';
import { customerCookie, signUpCustomer } from './sessions';
import { customerWith, placeOrder, stockedProduct } from './shop-client';

describe("the gateway's copies of order summaries", () => {
  let gateway: GatewayProcess;

  // Copies that would outlive the test: only the read model's announcements can refresh them.
  before(async () => {
    gateway = await GatewayProcess.start({ ORDER_COPY_TTL_MS: '600000' });
  });

  after(async () => {
    await gateway?.stop();
  });

  const summaryThere = async (orderId: string) => {
    const answer = await rawRequest({ port: gateway.port, path: `/orders/${orderId}` });
    return answer.status === 200 ? (JSON.parse(answer.text) as OrderSummary) : undefined;
  };

  it('follows every change of the order, dropping each copy as the read model announces it', async () => {
    const tea = await stockedProduct(5, 700);
    const accepted = await placeOrder(await customerWith(5_000), [{ sku: tea.sku, quantity: 1 }]);
    const { orderId } = accepted.body;

    let first: OrderSummary | undefined;
    await waitFor(async () => (first = await summaryThere(orderId)) !== undefined, {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: 'the order in the read model',
    });
    // Delivery follows confirmation after the carrier's delay: this copy is of an earlier state.
    assert.notEqual(first?.status, 'DELIVERED');

    const seen = new Set<string>();
    await waitFor(
      async () => {
        const summary = await summaryThere(orderId);
        if (summary) seen.add(summary.status);
        return summary?.status === 'DELIVERED';
      },
      { timeoutMs: 60_000, intervalMs: 50, what: `the copy to reach DELIVERED (saw ${[...seen]})` },
    );
    const delivered = await summaryThere(orderId);
    assert.deepEqual(
      delivered?.history.map((h) => h.status),
      ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'],
    );
  });

  it("answers someone else's order after the same work as a missing one: a read of the read model", async () => {
    const tea = await stockedProduct(5, 700);
    const owner = await customerWith(5_000);
    const { orderId } = (await placeOrder(owner, [{ sku: tea.sku, quantity: 1 }])).body;
    const asOwner = { cookie: customerCookie(owner) };
    await waitFor(
      async () =>
        (await rawRequest({ port: gateway.port, path: `/orders/${orderId}`, headers: asOwner }))
          .status === 200,
      { timeoutMs: 30_000, intervalMs: 50, what: 'the order, copied by the gateway' },
    );
    const stranger = { cookie: (await signUpCustomer()).cookie };
    const readModelReads = async () =>
      seriesSum(
        await scrapeMetrics(appPorts.readModel),
        'http_server_request_duration_seconds_count',
        {
          method: 'GET',
          route: '/orders/:id',
        },
      );
    const readsFor = async (path: string) => {
      const before = await readModelReads();
      const answer = await rawRequest({ port: gateway.port, path, headers: stranger });
      assert.equal(answer.status, 404, `${path}: ${answer.text}`);
      return (await readModelReads()) - before;
    };
    assert.ok((await readsFor(`/orders/${orderId}`)) >= 1, "someone else's order is read afresh");
    assert.ok((await readsFor(`/orders/${randomUUID()}`)) >= 1, 'a missing order is read too');
  });
});
