import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { CarrierStatus, SignedCarrierMessage } from '@orchard/contracts';
import { DomainError } from '@orchard/platform/http';
import {
  newSigningSecret,
  signedHeadersOf,
  signMessage,
  verifyMessage,
} from '@orchard/platform/webhooks';
import {
  address,
  deliver,
  orderConfirmed,
  outboxPayloads,
  startShipping,
  twoWarehouseLines,
  type ShippingFixture,
} from '../testing/integration-fixture';
import { dispatchOnConfirmation } from '../shipments/dispatch.consumer';
import { CarrierClient } from './carrier-client';
import { CarrierUpdatesRepository } from './carrier-updates.repository';
import { UpdateProcessor } from './update-processor';
import { UpdateReceiver } from './update-receiver';
import { ParcelHandover } from './parcel-handover';

const secret = newSigningSecret();
const lines = twoWarehouseLines;

/** An update signed as the carrier signs it, `ageSeconds` ago. */
function signed(
  parcelId: string,
  sequence: number,
  status: CarrierStatus,
  options: { id?: string; ageSeconds?: number; key?: string } = {},
): SignedCarrierMessage {
  const id = options.id ?? `msg_${parcelId}_${sequence}`;
  const at = new Date(Date.now() - (options.ageSeconds ?? 0) * 1000);
  const body = JSON.stringify({ parcelId, sequence, status, occurredAt: at.toISOString() });
  const headers = signMessage(id, at, body, [options.key ?? secret]);
  return {
    id,
    timestamp: headers['webhook-timestamp'],
    signature: headers['webhook-signature'],
    body,
  };
}

describe("the carrier's webhook: verified, queued, applied in sequence per parcel", () => {
  let shipping: ShippingFixture;
  let updates: CarrierUpdatesRepository;
  let receiver: UpdateReceiver;
  let processor: UpdateProcessor;

  before(async () => {
    shipping = await startShipping('carrier-webhook');
    updates = new CarrierUpdatesRepository(shipping.database);
    receiver = new UpdateReceiver(updates, secret);
    processor = new UpdateProcessor(updates, shipping.shipments);
  });

  after(async () => {
    await shipping.close();
  });

  /** An order whose two parcels (north, south) have left with the carrier. */
  async function dispatchedOrder(): Promise<{ orderId: string; north: string; south: string }> {
    const orderId = randomUUID();
    await shipping.shipments.create(orderId, lines, address);
    await deliver(
      shipping.database,
      'shipping-service.dispatch',
      dispatchOnConfirmation(shipping.shipments),
      orderConfirmed(orderId),
    );
    const parcels = await shipping.database.query<{ id: string; warehouse: string }>(
      'select id, warehouse from parcels where order_id = $1 order by warehouse',
      [orderId],
    );
    const [north, south] = parcels.map((p) => p.id);
    assert.ok(north && south);
    return { orderId, north, south };
  }

  async function tracking(parcelId: string) {
    const [row] = await shipping.database.query<{
      status: string;
      carrier_sequence: number;
      carrier_status: string | null;
    }>('select status, carrier_sequence, carrier_status from parcels where id = $1', [parcelId]);
    return row;
  }

  async function shipmentStatus(orderId: string): Promise<string | undefined> {
    const [row] = await shipping.database.query<{ status: string }>(
      'select status from shipments where order_id = $1',
      [orderId],
    );
    return row?.status;
  }

  const storedUpdates = async () =>
    Number(
      (await shipping.database.query<{ n: string }>('select count(*) as n from carrier_updates'))[0]
        ?.n,
    );

  it("applies a parcel's updates in sequence and once, whatever order and how often they arrive", async () => {
    const { orderId, north, south } = await dispatchedOrder();

    // The delivery arrives first, then the pick-up twice: only the pick-up can be applied.
    assert.deepEqual(await receiver.receive(signed(north, 3, 'DELIVERED')), { outcome: 'queued' });
    assert.deepEqual(await receiver.receive(signed(north, 1, 'PICKED_UP')), { outcome: 'queued' });
    assert.deepEqual(await receiver.receive(signed(north, 1, 'PICKED_UP')), {
      outcome: 'duplicate',
    });
    // The same step under another message id is the same step.
    assert.deepEqual(await receiver.receive(signed(north, 1, 'PICKED_UP', { id: 'msg_other' })), {
      outcome: 'duplicate',
    });
    assert.equal(await processor.applyReady(), 1);
    assert.deepEqual(await tracking(north), {
      status: 'DISPATCHED',
      carrier_sequence: 1,
      carrier_status: 'PICKED_UP',
    });

    // The gap fills: the rest of the journey follows at once.
    await receiver.receive(signed(north, 2, 'IN_TRANSIT'));
    assert.equal(await processor.applyReady(), 2);
    assert.deepEqual(await tracking(north), {
      status: 'DELIVERED',
      carrier_sequence: 3,
      carrier_status: 'DELIVERED',
    });
    assert.equal(await shipmentStatus(orderId), 'DISPATCHED', 'the south parcel is on its way');

    // A failed first attempt, shuffled and doubled.
    const journey: CarrierStatus[] = [
      'PICKED_UP',
      'IN_TRANSIT',
      'FAILED_DELIVERY',
      'IN_TRANSIT',
      'DELIVERED',
    ];
    for (const sequence of [5, 2, 4, 2, 1, 5, 3])
      await receiver.receive(signed(south, sequence, journey[sequence - 1] ?? 'DELIVERED'));
    assert.equal(await processor.applyReady(), 5);
    assert.equal(await processor.applyReady(), 0, 'nothing left');
    assert.deepEqual(await tracking(south), {
      status: 'DELIVERED',
      carrier_sequence: 5,
      carrier_status: 'DELIVERED',
    });
    assert.equal(await shipmentStatus(orderId), 'DELIVERED');
    const delivered = await outboxPayloads(shipping.database, orderId, 'shipment.delivered');
    assert.deepEqual(delivered.map((e) => e.data['parcelId']).sort(), [north, south].sort());

    // A replay of any of it, later, changes nothing.
    assert.deepEqual(await receiver.receive(signed(north, 3, 'DELIVERED')), {
      outcome: 'duplicate',
    });
    assert.equal(await processor.applyReady(), 0);
    assert.equal(
      (await outboxPayloads(shipping.database, orderId, 'shipment.delivered')).length,
      2,
    );
  });

  it('refuses a forged, stale or malformed update, or one for a parcel never handed over, storing nothing', async () => {
    const { north } = await dispatchedOrder();
    const before = await storedUpdates();
    const refusal = (status: number, type: string) => (error: unknown) =>
      error instanceof DomainError && error.status === status && error.problemType === type;

    await assert.rejects(
      receiver.receive(signed(north, 1, 'DELIVERED', { key: newSigningSecret() })),
      refusal(401, 'signature-refused'),
    );
    const tampered = signed(north, 1, 'PICKED_UP');
    await assert.rejects(
      receiver.receive({ ...tampered, body: tampered.body.replace('PICKED_UP', 'DELIVERED') }),
      refusal(401, 'signature-refused'),
    );
    await assert.rejects(
      receiver.receive(signed(north, 1, 'PICKED_UP', { ageSeconds: 600 })),
      refusal(401, 'signature-refused'),
      'a replay from ten minutes ago',
    );
    await assert.rejects(
      receiver.receive(signed(randomUUID(), 1, 'PICKED_UP')),
      refusal(422, 'unknown-parcel'),
    );
    const notAnUpdate = signMessage('msg_x', new Date(), '{"parcelId":1}', [secret]);
    await assert.rejects(
      receiver.receive({
        id: 'msg_x',
        timestamp: notAnUpdate['webhook-timestamp'],
        signature: notAnUpdate['webhook-signature'],
        body: '{"parcelId":1}',
      }),
      refusal(422, 'invalid-update'),
    );

    assert.equal(await storedUpdates(), before);
    assert.equal(await processor.applyReady(), 0);
    assert.deepEqual(await tracking(north), {
      status: 'DISPATCHED',
      carrier_sequence: 0,
      carrier_status: null,
    });
  });

  it('never applies an update twice, with appliers running side by side', async () => {
    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await dispatchedOrder());
    for (const { north, south } of orders)
      for (const parcelId of [north, south])
        for (const sequence of [3, 1, 2])
          await receiver.receive(
            signed(
              parcelId,
              sequence,
              (['PICKED_UP', 'IN_TRANSIT', 'DELIVERED'] as const)[sequence - 1] ?? 'DELIVERED',
            ),
          );
    const appliers = Array.from(
      { length: 4 },
      () => new UpdateProcessor(updates, shipping.shipments),
    );

    const applied = await Promise.all(appliers.map((a) => a.applyReady()));

    assert.equal(
      applied.reduce((sum, n) => sum + n, 0),
      12 * 2 * 3,
    );
    for (const { orderId } of orders) {
      assert.equal(await shipmentStatus(orderId), 'DELIVERED');
      const delivered = await outboxPayloads(shipping.database, orderId, 'shipment.delivered');
      assert.equal(delivered.length, 2, `order ${orderId}: one event per parcel`);
    }
  });

  describe('handing parcels over', () => {
    let carrier: Server;
    let carrierUrl: string;
    const received: string[][] = [];
    let answer = 202;

    before(async () => {
      // The carrier's API as a plain server that checks each handover's signature.
      carrier = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          verifyMessage(secret, signedHeadersOf(request.headers), body);
          if (answer < 300)
            received.push(
              (JSON.parse(body) as { parcels: { parcelId: string }[] }).parcels.map(
                (p) => p.parcelId,
              ),
            );
          response.writeHead(answer).end();
        });
      });
      await new Promise<void>((resolve) => carrier.listen(0, '127.0.0.1', resolve));
      carrierUrl = `http://127.0.0.1:${(carrier.address() as AddressInfo).port}`;
    });

    after(() => new Promise<void>((resolve) => carrier.close(() => resolve())));

    it('hands each parcel over once, again after the carrier has gone quiet on it, and keeps those a failed call left', async () => {
      // Parcels of the earlier tests are handed over too: this looks at this order's only.
      const { north, south } = await dispatchedOrder();
      const handover = new ParcelHandover(updates, new CarrierClient(carrierUrl, secret), 60_000);
      const handedOver = () => received.flat().filter((id) => id === north || id === south);

      await handover.handOverDue();
      assert.deepEqual(handedOver().sort(), [north, south].sort());
      await handover.handOverDue();
      assert.equal(handedOver().length, 2, 'not again while the carrier is on it');

      // North's carrier reported a minute ago and has said nothing since; south is delivered.
      await shipping.database.query(
        `update parcels set handed_over_at = now() - interval '2 minutes',
                carrier_updated_at = now() - interval '61 seconds' where id = $1`,
        [north],
      );
      await shipping.database.query(
        `update parcels set status = 'DELIVERED', delivered_at = now(),
                handed_over_at = now() - interval '2 minutes' where id = $1`,
        [south],
      );
      answer = 503;
      await assert.rejects(handover.handOverDue(), /the carrier answered 503/);
      answer = 202;
      await handover.handOverDue();
      assert.deepEqual(handedOver().sort(), [north, north, south].sort());
    });
  });
});
