import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ReservedLine } from '@orchard/contracts';
import { RolledBackOnPurpose, rollingBack } from '@orchard/platform/testing';
import {
  deliver,
  eventOf,
  outboxPayloads,
  startShipping,
  type ShippingFixture,
} from '../testing/integration-fixture';
import { dispatchOnConfirmation } from './dispatch.consumer';
import { ShipmentsRepository } from './shipments.repository';
import { ShipmentsService } from './shipments.service';
import { SimulatedCarrier } from './simulated-carrier';

const consumer = 'shipping-service.dispatch';
const address = { name: 'A', line1: 'B', city: 'Berlin', postalCode: '10115', country: 'DE' };

const lines: ReservedLine[] = [
  { sku: 'TEA-IT', quantity: 2, unitPriceCents: 450, warehouse: 'north' },
  { sku: 'MUG-IT', quantity: 1, unitPriceCents: 1200, warehouse: 'south' },
];

const confirmed = (orderId: string) =>
  eventOf('order.confirmed', 'order', orderId, {
    orderId,
    status: 'CONFIRMED',
    previousStatus: 'PENDING',
    reason: null,
    totalCents: 2100,
    lines,
  });

describe('dispatching on order.confirmed, delivering by the simulated carrier', () => {
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

  /** A shipment whose parcels no carrier touches until the spec says so. */
  async function holdInWarehouseClock(orderId: string, at: string): Promise<void> {
    await shipping.database.query(
      `update parcels set dispatched_at = now() + $2::interval where order_id = $1`,
      [orderId, at],
    );
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
    const event = confirmed(orderId);

    const first = await deliver(shipping.database, consumer, handle, event);
    const redelivered = await deliver(shipping.database, consumer, handle, event);
    // The same news published again under another id: still nothing more to do.
    await shipping.database.transaction((tx) =>
      handle(confirmed(orderId), {
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

    const { outcome } = await deliver(shipping.database, consumer, handle, confirmed(orderId));

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
    await deliver(shipping.database, consumer, handle, confirmed(orderId));

    await assert.rejects(shipping.shipments.cancel(orderId), (error: unknown) => {
      const failure = error as { type?: string; nonRetryable?: boolean };
      return failure.type === 'ShipmentDispatched' && failure.nonRetryable === true;
    });
    assert.equal(await shipmentStatus(orderId), 'DISPATCHED');
  });

  it('dead-letters a confirmation for an order it has no shipment for, recording nothing', async () => {
    const event = confirmed(randomUUID());
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

  it('delivers each parcel once its time has come, from the state in the database alone', async () => {
    const orderId = randomUUID();
    const plan = await shipping.shipments.create(orderId, lines, address);
    await deliver(shipping.database, consumer, handle, confirmed(orderId));
    // Dispatched "in the future": the carrier is not due yet.
    await holdInWarehouseClock(orderId, '1 hour');
    // A carrier that was not running when the parcels left, as after a restart.
    const carrier = new SimulatedCarrier(shipping.shipments, { deliveryDelayMs: 60_000 });

    await carrier.deliverDue();
    assert.deepEqual(
      (await parcelsOf(orderId)).map((p) => p.status),
      ['DISPATCHED', 'DISPATCHED'],
    );

    // One parcel has been on its way for longer than the delay, the other not yet.
    await shipping.database.query(
      `update parcels set dispatched_at = now() - interval '61 seconds'
        where order_id = $1 and warehouse = 'north'`,
      [orderId],
    );
    await carrier.deliverDue();
    assert.deepEqual(
      (await parcelsOf(orderId)).map((p) => [p.warehouse, p.status, p.delivered]),
      [
        ['north', 'DELIVERED', true],
        ['south', 'DISPATCHED', false],
      ],
    );
    assert.equal(await shipmentStatus(orderId), 'DISPATCHED', 'not all parcels have arrived');

    await holdInWarehouseClock(orderId, '-61 seconds');
    await carrier.deliverDue();
    assert.equal(await shipmentStatus(orderId), 'DELIVERED');
    const parcels = await parcelsOf(orderId);
    assert.deepEqual(
      parcels.map((p) => p.status),
      ['DELIVERED', 'DELIVERED'],
    );
    const delivered = await outboxPayloads(shipping.database, orderId, 'shipment.delivered');
    assert.deepEqual(
      delivered.map((e) => e.data['parcelId']).sort(),
      parcels.map((p) => p.id).sort(),
      'one shipment.delivered per parcel',
    );
    for (const event of delivered) assert.equal(event.data['shipmentId'], plan.shipmentId);
  });

  it('never delivers a parcel twice, with carriers running side by side', async () => {
    const orders = Array.from({ length: 12 }, () => randomUUID());
    for (const orderId of orders) {
      await shipping.shipments.create(orderId, lines, address);
      await deliver(shipping.database, consumer, handle, confirmed(orderId));
      await holdInWarehouseClock(orderId, '-61 seconds');
    }
    const carriers = Array.from(
      { length: 4 },
      () => new SimulatedCarrier(shipping.shipments, { deliveryDelayMs: 60_000, batchSize: 3 }),
    );

    await Promise.all(carriers.map((c) => c.deliverDue()));

    for (const orderId of orders) {
      assert.equal(await shipmentStatus(orderId), 'DELIVERED');
      const delivered = await outboxPayloads(shipping.database, orderId, 'shipment.delivered');
      assert.equal(delivered.length, 2, `order ${orderId}: one event per parcel`);
      assert.equal(new Set(delivered.map((e) => e.data['parcelId'])).size, 2);
    }
  });
});
