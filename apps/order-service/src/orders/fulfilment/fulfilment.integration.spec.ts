import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  deliver,
  eventOf,
  orderIn,
  startOrders,
  type OrderFixture,
} from '../../testing/integration-fixture';
import { followShipments } from './fulfilment.consumer';

const consumer = 'order-service.fulfilment';

/**
 * Stands in for Temporal: records each signal with the order's status as committed then.
 * (Temporal is faked and events are delivered as the consumer would: a unit spec, on a
 * database of its own.)
 */
class RecordingSaga {
  readonly signalled: { orderId: string; committedStatus: string }[] = [];
  failNext = 0;
  database?: OrderFixture['database'];

  async reportShipped(orderId: string): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('Temporal is unreachable');
    }
    // Another connection: what it sees is what has been committed.
    const [row] = (await this.database?.query<{ status: string }>(
      'select status from orders where id = $1',
      [orderId],
    )) ?? [{ status: '' }];
    this.signalled.push({ orderId, committedStatus: row?.status ?? '' });
  }

  signalsFor(orderId: string) {
    return this.signalled.filter((s) => s.orderId === orderId);
  }
}

describe('the order follows its parcels', () => {
  const saga = new RecordingSaga();
  let fixture: OrderFixture;
  let handle: ReturnType<typeof followShipments>;

  before(async () => {
    fixture = await startOrders(saga, 'fulfilment');
    saga.database = fixture.database;
    handle = followShipments(fixture.reactions);
  });

  after(() => fixture.close());

  beforeEach(() => {
    saga.failNext = 0;
  });

  const shipmentId = randomUUID();
  const created = (orderId: string, parcelIds: string[]) =>
    eventOf('shipment.created', 'shipment', orderId, {
      orderId,
      shipmentId,
      parcels: parcelIds.map((parcelId, i) => ({
        parcelId,
        warehouse: `w${i}`,
        items: [{ sku: `SKU-${i}`, quantity: 1 }],
      })),
    });
  const dispatched = (orderId: string, parcelId: string) =>
    eventOf('shipment.dispatched', 'shipment', orderId, {
      orderId,
      shipmentId,
      parcelId,
      warehouse: 'w0',
      items: [{ sku: 'SKU-0', quantity: 1 }],
    });
  const delivered = (orderId: string, parcelId: string) =>
    eventOf('shipment.delivered', 'shipment', orderId, { orderId, shipmentId, parcelId });

  async function statusOf(orderId: string): Promise<string> {
    return (await fixture.commands.get(orderId)).status;
  }

  async function outboxOf(orderId: string) {
    return fixture.database.query<{ type: string; data: Record<string, unknown> }>(
      `select type, payload->'data' as data from outbox where aggregateid = $1 order by created_at`,
      [orderId],
    );
  }

  async function signalSent(orderId: string): Promise<boolean> {
    const [row] = await fixture.database.query<{ sent: boolean }>(
      'select sent_at is not null as sent from saga_signals where order_id = $1',
      [orderId],
    );
    return row?.sent ?? false;
  }

  it('ships on the first parcel out, delivers on the last parcel in, once each', async () => {
    const orderId = await orderIn(fixture, 'CONFIRMED');
    const [p1, p2] = [randomUUID(), randomUUID()];

    await deliver(fixture.database, consumer, handle, created(orderId, [p1, p2]));
    assert.equal(await statusOf(orderId), 'CONFIRMED');

    const firstOut = dispatched(orderId, p1);
    assert.equal(
      (await deliver(fixture.database, consumer, handle, firstOut)).outcome.outcome,
      'handled',
    );
    assert.equal(await statusOf(orderId), 'SHIPPED');
    assert.equal(
      (await deliver(fixture.database, consumer, handle, firstOut)).outcome.outcome,
      'duplicate',
    );
    await deliver(fixture.database, consumer, handle, dispatched(orderId, p2));
    await deliver(fixture.database, consumer, handle, delivered(orderId, p1));
    // The same news again under another event id: a parcel never counts twice.
    await deliver(fixture.database, consumer, handle, delivered(orderId, p1));
    assert.equal(await statusOf(orderId), 'SHIPPED', 'one parcel is still on its way');

    await deliver(fixture.database, consumer, handle, delivered(orderId, p2));
    // Late or repeated news of a parcel never moves it, or the order, backwards.
    await deliver(fixture.database, consumer, handle, dispatched(orderId, p2));

    const order = await fixture.commands.get(orderId);
    assert.equal(order.status, 'DELIVERED');
    assert.deepEqual(
      order.history.map((h) => h.status),
      ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'],
    );
    assert.deepEqual(await outboxOf(orderId), [
      {
        type: 'order.shipped',
        data: { orderId, status: 'SHIPPED', previousStatus: 'CONFIRMED', reason: null },
      },
      {
        type: 'order.delivered',
        data: { orderId, status: 'DELIVERED', previousStatus: 'SHIPPED', reason: null },
      },
    ]);
    const parcels = await fixture.database.query<{ status: string }>(
      'select status from order_parcels where order_id = $1',
      [orderId],
    );
    assert.deepEqual(
      parcels.map((p) => p.status),
      ['DELIVERED', 'DELIVERED'],
    );

    // The saga is told once, right after the move to SHIPPED committed (this database is the
    // spec's own: no sweep of the running service can have sent it).
    assert.deepEqual(saga.signalsFor(orderId), [{ orderId, committedStatus: 'SHIPPED' }]);
    assert.ok(await signalSent(orderId));
  });

  it('owes and sends nothing when the transaction that moved the order rolls back', async () => {
    const orderId = await orderIn(fixture, 'CONFIRMED');
    const failsAfterTheMove: typeof handle = async (event, context) => {
      await handle(event, context);
      // The database goes away before the commit: the message will come again.
      throw new Error('Connection terminated unexpectedly');
    };
    await assert.rejects(
      deliver(fixture.database, consumer, failsAfterTheMove, dispatched(orderId, randomUUID())),
    );
    assert.equal(await statusOf(orderId), 'CONFIRMED');
    assert.deepEqual(await outboxOf(orderId), [], 'the event went with the rollback');
    assert.deepEqual(saga.signalsFor(orderId), []);
    await fixture.signals.sweep();
    assert.deepEqual(saga.signalsFor(orderId), [], 'no signal was owed');
  });

  it('makes both moves at once when it first hears of a parcel already delivered', async () => {
    const orderId = await orderIn(fixture, 'CONFIRMED');
    await deliver(fixture.database, consumer, handle, delivered(orderId, randomUUID()));
    const order = await fixture.commands.get(orderId);
    assert.deepEqual(
      order.history.map((h) => h.status),
      ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'],
    );
  });

  it('leaves an order cancelled meanwhile alone, without an error', async () => {
    const orderId = await orderIn(fixture, 'CANCELLED');
    const { outcome, deadLetters } = await deliver(
      fixture.database,
      consumer,
      handle,
      dispatched(orderId, randomUUID()),
    );
    assert.equal(outcome.outcome, 'handled');
    assert.equal(deadLetters, 0);
    assert.equal(await statusOf(orderId), 'CANCELLED');
    assert.deepEqual(await outboxOf(orderId), []);
    assert.equal(await signalSent(orderId), false);
  });

  it('dead-letters news of an order it never had, recording nothing', async () => {
    const event = dispatched(randomUUID(), randomUUID());
    const { outcome, deadLetters } = await deliver(fixture.database, consumer, handle, event);
    assert.equal(outcome.outcome, 'dead-lettered');
    assert.equal(deadLetters, 1);
    const inbox = await fixture.database.query('select 1 from inbox where event_id = $1', [
      event.id,
    ]);
    assert.equal(inbox.length, 0);
  });

  it('keeps a signal it could not send, and sends it later', async () => {
    const orderId = await orderIn(fixture, 'CONFIRMED');
    saga.failNext = 1;
    await deliver(fixture.database, consumer, handle, dispatched(orderId, randomUUID()));
    assert.equal(saga.failNext, 0, 'the signal was tried after the commit');
    assert.equal(await signalSent(orderId), false, 'and is still owed');

    await fixture.signals.sweep();

    assert.equal(await signalSent(orderId), true);
    assert.deepEqual(saga.signalsFor(orderId), [{ orderId, committedStatus: 'SHIPPED' }]);
  });
});
