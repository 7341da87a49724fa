import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import type { PlaceOrderInput } from '@orchard/contracts';
import { ConflictError } from '@orchard/platform/http';
import { RolledBackOnPurpose, rollingBack } from '@orchard/platform/testing';
import { orderIn, startOrders, type OrderFixture } from '../../testing/integration-fixture';
import { OrdersRepository } from '../orders.repository';
import { OrderCommands } from './order-commands';

/**
 * The order service's commands and the saga's outcomes on a database of the spec's own, with
 * a saga that only counts its starts (Temporal is faked here, hence a unit spec).
 */
class CountingSaga {
  readonly started: string[] = [];
  async start(input: PlaceOrderInput): Promise<void> {
    this.started.push(input.orderId);
  }
}

const command = (customerId: string, orderId: string) => ({
  orderId,
  customerId,
  items: [{ sku: 'TEA-IT', quantity: 1 }],
  shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' },
});

describe('order commands and saga outcomes', () => {
  let fixture: OrderFixture;
  const saga = new CountingSaga();

  before(async () => {
    fixture = await startOrders(saga, 'commands');
  });
  after(() => fixture.close());

  const countsOf = async (orderId: string) =>
    (
      await fixture.database.query<{ orders: number; items: number; events: number }>(
        `select (select count(*) from orders where id = $1) as orders,
                (select count(*) from order_items where order_id = $1) as items,
                (select count(*) from outbox where aggregateid = $1::text) as events`,
        [orderId],
      )
    )[0];

  const typedFailure = (type: string) => (error: unknown) =>
    error instanceof ApplicationFailure && error.type === type && error.nonRetryable;

  it('records a retried order once and answers the retry with its current status', async () => {
    const [customerId, orderId] = [randomUUID(), randomUUID()];
    const first = await fixture.commands.place(command(customerId, orderId));
    const retry = await fixture.commands.place(command(customerId, orderId));
    assert.deepEqual(first, { orderId, status: 'PENDING' });
    assert.deepEqual(retry, { orderId, status: 'PENDING' });
    assert.deepEqual(await countsOf(orderId), { orders: 1, items: 1, events: 1 });
    assert.deepEqual(
      saga.started.filter((id) => id === orderId),
      [orderId, orderId],
      'a PENDING order may have lost its start: the retry starts it again (one workflow id)',
    );
  });

  it('starts no saga again for a retry of an order that has moved on', async () => {
    const customerId = randomUUID();
    const orderId = await orderIn(fixture, 'CONFIRMED', customerId);
    const retry = await fixture.commands.place(command(customerId, orderId));
    assert.deepEqual(retry, { orderId, status: 'CONFIRMED' });
    assert.equal(saga.started.includes(orderId), false);
  });

  it("refuses an id that is someone else's order", async () => {
    const orderId = randomUUID();
    await fixture.commands.place(command(randomUUID(), orderId));
    await assert.rejects(fixture.commands.place(command(randomUUID(), orderId)), ConflictError);
  });

  it('writes the order and its event in one transaction: a rollback leaves neither', async () => {
    const rolling = new OrderCommands(
      new OrdersRepository(rollingBack(fixture.database)),
      saga as never,
      fixture.stuck,
    );
    const orderId = randomUUID();
    await assert.rejects(rolling.place(command(randomUUID(), orderId)), RolledBackOnPurpose);
    assert.deepEqual(await countsOf(orderId), { orders: 0, items: 0, events: 0 });
  });

  it('fails a PENDING order with its cause, an order.failed event and its history', async () => {
    const orderId = await orderIn(fixture, 'PENDING');
    await fixture.outcomes.fail(orderId, 'authorizing payment: value out of range');
    await fixture.outcomes.fail(orderId, 'authorizing payment: value out of range');
    const order = await fixture.commands.get(orderId);
    assert.equal(order.status, 'FAILED');
    assert.equal(order.reason, 'authorizing payment: value out of range');
    assert.deepEqual(
      order.history.map((h) => h.status),
      ['PENDING', 'FAILED'],
    );
    const events = await fixture.database.query<{ type: string }>(
      'select type from outbox where aggregateid = $1',
      [orderId],
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['order.failed'],
      'a retried outcome is recorded once',
    );
  });

  it('refuses, as a bug no retry can fix, every move the state machine forbids', async () => {
    const cancelled = await orderIn(fixture, 'CANCELLED');
    const reservation = { lines: [], totalCents: 0 };
    await assert.rejects(
      fixture.outcomes.confirm(cancelled, reservation),
      typedFailure('IllegalTransition'),
    );
    await assert.rejects(fixture.outcomes.fail(cancelled, 'x'), typedFailure('IllegalTransition'));
    const shipped = await orderIn(fixture, 'SHIPPED');
    await assert.rejects(fixture.outcomes.reject(shipped, 'x'), typedFailure('IllegalTransition'));
    await assert.rejects(fixture.outcomes.cancel(shipped, 'x'), typedFailure('IllegalTransition'));
    assert.equal((await fixture.commands.get(cancelled)).status, 'CANCELLED');
    assert.equal((await fixture.commands.get(shipped)).status, 'SHIPPED');
    await assert.rejects(fixture.outcomes.fail(randomUUID(), 'x'), typedFailure('UnknownOrder'));
  });

  it('lists a stuck compensation until it is resolved, and refuses a retry with none', async () => {
    const orderId = await orderIn(fixture, 'PENDING');
    await assert.rejects(fixture.commands.retryCompensations(orderId), ConflictError);
    const report = { orderId, compensation: 'release stock', error: 'inventory is down' };
    await fixture.stuck.report(report);
    await fixture.stuck.report({ ...report, error: 'still down' });
    const [listed] = (await fixture.stuck.list(100)).filter((s) => s.orderId === orderId);
    assert.deepEqual(
      { ...listed, stuckSince: typeof listed?.stuckSince },
      { ...report, error: 'still down', reports: 2, stuckSince: 'string' },
    );
    await fixture.stuck.resolve(orderId);
    assert.equal(
      (await fixture.stuck.list(100)).some((s) => s.orderId === orderId),
      false,
    );
  });
});
