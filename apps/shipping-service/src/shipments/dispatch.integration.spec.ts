import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { RolledBackOnPurpose, rollingBack } from '@orchard/platform/testing';
import {
  address,
  deliver,
  eventOf,
  orderConfirmed,
  outboxPayloads,
  startShipping,
  twoWarehouseLines,
  type ShippingFixture,
} from '../testing/integration-fixture';
import { dispatchOnConfirmation } from './dispatch.consumer';
import { ShipmentsRepository } from './shipments.repository';
import { ShipmentsService } from './shipments.service';

const consumer = 'shipping-service.dispatch';
const lines = twoWarehouseLines;

describe('dispatching on order.confirmed', () => {
  let shipping: ShippingFixture;
  let handle: ReturnType<typeof dispatchOnConfirmation>;

  before(async () => {
    shipping = await startShipping('dispatch');
    handle = dispatchOnConfirmation(shipping.shipments);
  });

  after(async () => {
    await shipping.close();
  });

  async function parcelsOf(orderId: string) {
    return shipping.database.query<{
      id: string;
      warehouse: string;
      status: string;
      dispatched: boolean;
      delivered: boolean;
    }>(
      `select id, warehouse, status, dispatched_at is not null as dispatched,
              delivered_at is not null as delivered
         from parcels where order_id = $1 order by warehouse`,
      [orderId],
    );
  }

  async function shipmentStatus(orderId: string): Promise<string | undefined> {
    const [row] = await shipping.database.query<{ status: string }>(
      'select status from shipments where order_id = $1',
      [orderId],
    );
    return row?.status;
  }

  it('writes a shipment and its event in one transaction: a rollback leaves neither', async () => {
    const orderId = randomUUID();
    const rolling = new ShipmentsService(new ShipmentsRepository(rollingBack(shipping.database)));
    await assert.rejects(rolling.create(orderId, lines, address), RolledBackOnPurpose);
    assert.deepEqual(await parcelsOf(orderId), []);
    assert.deepEqual(await outboxPayloads(shipping.database, orderId, 'shipment.created'), []);
  });

  it('dispatches every parcel once, however often the confirmation arrives', async () => {
    const orderId = randomUUID();
    const plan = await shipping.shipments.create(orderId, lines, address);
    const event = orderConfirmed(orderId);

    const first = await deliver(shipping.database, consumer, handle, event);
    const redelivered = await deliver(shipping.database, consumer, handle, event);
    // The same news published again under another id: still nothing more to do.
    await shipping.database.transaction((tx) =>
      handle(orderConfirmed(orderId), {
        tx,
        topic: 'order.events',
        partition: 0,
        offset: '1',
        headers: {},
      }),
    );

    assert.equal(first.outcome.outcome, 'handled');
    assert.equal(redelivered.outcome.outcome, 'duplicate');
    const parcels = await parcelsOf(orderId);
    assert.deepEqual(
      parcels.map((p) => [p.warehouse, p.status, p.dispatched]),
      [
        ['north', 'DISPATCHED', true],
        ['south', 'DISPATCHED', true],
      ],
    );
    assert.equal(await shipmentStatus(orderId), 'DISPATCHED');
    const dispatched = await outboxPayloads(shipping.database, orderId, 'shipment.dispatched');
    assert.deepEqual(
      dispatched
        .map((e) => e.data)
        .sort((a, b) => String(a['warehouse']).localeCompare(String(b['warehouse']))),
      [
        {
          orderId,
          shipmentId: plan.shipmentId,
          parcelId: parcels[0]?.id,
          warehouse: 'north',
          items: [{ sku: 'TEA-IT', quantity: 2 }],
        },
        {
          orderId,
          shipmentId: plan.shipmentId,
          parcelId: parcels[1]?.id,
          warehouse: 'south',
          items: [{ sku: 'MUG-IT', quantity: 1 }],
        },
      ],
    );
  });

  it('leaves a cancelled shipment where it is', async () => {
    const orderId = randomUUID();
    await shipping.shipments.create(orderId, lines, address);
    await shipping.shipments.cancel(orderId);

    const { outcome } = await deliver(shipping.database, consumer, handle, orderConfirmed(orderId));

    assert.equal(outcome.outcome, 'handled');
    assert.deepEqual(
      (await parcelsOf(orderId)).map((p) => [p.status, p.dispatched]),
      [
        ['CANCELLED', false],
        ['CANCELLED', false],
      ],
    );
    assert.equal(await shipmentStatus(orderId), 'CANCELLED');
    assert.equal(
      (await outboxPayloads(shipping.database, orderId, 'shipment.dispatched')).length,
      0,
    );
  });

  it('refuses to cancel a shipment that has left, without retries', async () => {
    const orderId = randomUUID();
    await shipping.shipments.create(orderId, lines, address);
    await deliver(shipping.database, consumer, handle, orderConfirmed(orderId));

    await assert.rejects(shipping.shipments.cancel(orderId), (error: unknown) => {
      const failure = error as { type?: string; nonRetryable?: boolean };
      return failure.type === 'ShipmentDispatched' && failure.nonRetryable === true;
    });
    assert.equal(await shipmentStatus(orderId), 'DISPATCHED');
  });

  it('dead-letters a confirmation for an order it has no shipment for, recording nothing', async () => {
    const event = orderConfirmed(randomUUID());
    const { outcome, deadLetters } = await deliver(shipping.database, consumer, handle, event);
    assert.equal(outcome.outcome, 'dead-lettered');
    assert.equal(outcome.outcome === 'dead-lettered' && outcome.reason, 'poison-event');
    assert.equal(deadLetters, 1);
    const inbox = await shipping.database.query('select 1 from inbox where event_id = $1', [
      event.id,
    ]);
    assert.equal(inbox.length, 0);
  });

  it('ignores the order events it does not react to', async () => {
    const orderId = randomUUID();
    await shipping.shipments.create(orderId, lines, address);
    const placed = eventOf('order.placed', 'order', orderId, {
      orderId,
      customerId: randomUUID(),
      items: [{ sku: 'TEA-IT', quantity: 2 }],
    });
    assert.equal(
      (await deliver(shipping.database, consumer, handle, placed)).outcome.outcome,
      'handled',
    );
    assert.equal(await shipmentStatus(orderId), 'CREATED');
  });
});
