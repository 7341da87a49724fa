import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  composeProjectOfEnvironment,
  containerState,
  crashContainer,
  waitFor,
} from '@orchard/stack';
import { assertDrillInvariants, OrderStream, prepareShop } from '../failure-drill';

/** The compose stack's own healing: a crashed container comes back by its restart policy. */
describe('the compose stack, with containers crashing under a trickle of orders', () => {
  const project = composeProjectOfEnvironment();

  /** Kills a service's container as a crash would and waits until it is back and healthy. */
  async function crashAndRecover(service: string): Promise<void> {
    const before = await containerState(project, service);
    await crashContainer(project, service);
    await waitFor(
      async () => (await containerState(project, service)).restartCount > before.restartCount,
      {
        timeoutMs: 60_000,
        what: `${service} to be restarted by its restart policy`,
      },
    );
    await waitFor(async () => (await containerState(project, service)).health === 'healthy', {
      timeoutMs: 180_000,
      intervalMs: 1_000,
      what: `${service} to be healthy again`,
    });
  }

  it('ends every order with money and stock conserved when an app and a database are killed', async () => {
    const shop = await prepareShop();
    const stream = new OrderStream(shop);
    const acceptedCount = () => stream.accepted().length;
    stream.start(2, 2);
    try {
      await waitFor(async () => acceptedCount() >= 5, { timeoutMs: 60_000, what: '5 orders' });
      // The order service runs the sagas' workflows; payment's database holds the wallets.
      for (const service of ['order-service', 'postgres-payment']) {
        const acceptedBefore = acceptedCount();
        await crashAndRecover(service);
        await waitFor(async () => acceptedCount() >= acceptedBefore + 5, {
          timeoutMs: 120_000,
          what: `5 more orders accepted after ${service} came back`,
        });
      }
    } finally {
      await stream.stop();
    }
    assert.ok(stream.accepted().length >= 15, `${stream.accepted().length} orders accepted`);
    await assertDrillInvariants(shop, stream.orders);
  });
});
