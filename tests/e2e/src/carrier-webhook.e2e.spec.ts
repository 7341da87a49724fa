import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { carrierWebhookPath, type CarrierStatus } from '@orchard/contracts';
import { signMessage } from '@orchard/platform/webhooks';
import { appPorts, Stack, stackSecrets, system, waitFor } from '@orchard/stack';
import { withDatabase } from './invariants';
import { scrapeMetrics, seriesSum } from './metrics-scrape';
import { assertProblem } from './problem-assertions';
import { killHard } from './process-faults';
import { rawRequest, type RawAnswer } from './raw-http';
import { call, customerWith, orderReaching, placeOrder, stockedProduct } from './shop-client';

interface ParcelTrack {
  parcelId: string;
  status: string;
  carrierStatus: string | null;
  handedOverAt: Date | null;
  /** The updates stored, in the order they arrived. */
  arrived: { sequence: number; status: string; applied: boolean }[];
  deliveredEvents: number;
}

async function parcelsOf(orderIds: readonly string[]): Promise<ParcelTrack[]> {
  return withDatabase('shipping', async (db) => {
    const { rows } = await db.query(
      `select p.id, p.status, p.carrier_status, p.handed_over_at,
              coalesce((select json_agg(json_build_object('sequence', u.sequence, 'status', u.status,
                          'applied', u.applied_at is not null) order by u.received_at, u.sequence)
                  from carrier_updates u where u.parcel_id = p.id), '[]') as arrived,
              (select count(*)::int from outbox o
                where o.type = 'shipment.delivered' and o.payload->'data'->>'parcelId' = p.id::text)
                as delivered_events
         from parcels p where p.order_id = any($1::uuid[]) order by p.order_id, p.warehouse`,
      [orderIds],
    );
    return rows.map((row) => ({
      parcelId: row.id,
      status: row.status,
      carrierStatus: row.carrier_status,
      handedOverAt: row.handed_over_at,
      arrived: row.arrived,
      deliveredEvents: row.delivered_events,
    }));
  });
}

/** A counter of shipping's /metrics, summed over its other labels. */
const shippingCounter = async (metric: string, labels: Record<string, string>) =>
  seriesSum(await scrapeMetrics(appPorts.shipping), metric, labels);

/** Orders of two parcels each (a product in each warehouse), placed and paid. */
async function twoParcelOrders(count: number): Promise<string[]> {
  const north = await stockedProduct(count, 300, 'north');
  const south = await stockedProduct(count, 500, 'south');
  const customer = await customerWith(count * 800);
  const orderIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const accepted = await placeOrder(customer, [
      { sku: north.sku, quantity: 1 },
      { sku: south.sku, quantity: 1 },
    ]);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    orderIds.push(accepted.body.orderId);
  }
  return orderIds;
}

/** Each parcel's journey applied whole, in sequence, and delivered once. */
function assertJourneyWhole(parcel: ParcelTrack): void {
  const sequences = parcel.arrived.map((u) => u.sequence).sort((a, b) => a - b);
  assert.deepEqual(
    sequences,
    sequences.map((_, i) => i + 1),
    `parcel ${parcel.parcelId}: one update per step, none missing`,
  );
  assert.ok(
    parcel.arrived.every((u) => u.applied),
    `parcel ${parcel.parcelId}: all applied`,
  );
  assert.equal(parcel.status, 'DELIVERED');
  assert.equal(parcel.carrierStatus, 'DELIVERED');
  assert.equal(parcel.deliveredEvents, 1, `parcel ${parcel.parcelId}: one shipment.delivered`);
}

/** A call to the carrier webhook at the gateway, as the carrier (or a forger) makes it. */
function webhookCall(
  parcelId: string,
  sequence: number,
  status: CarrierStatus,
  options: { id?: string; secret?: string; signedAgoSeconds?: number } = {},
): Promise<RawAnswer> {
  const at = new Date(Date.now() - (options.signedAgoSeconds ?? 0) * 1000);
  const body = JSON.stringify({ parcelId, sequence, status, occurredAt: at.toISOString() });
  const id = options.id ?? `msg_${parcelId}_${sequence}`;
  const secret = options.secret ?? stackSecrets().carrierWebhookSecret;
  return rawRequest({
    method: 'POST',
    path: carrierWebhookPath,
    anonymous: true,
    headers: { 'content-type': 'application/json', ...signMessage(id, at, body, [secret]) },
    body,
  });
}

describe("the carrier, a process of its own, reporting on the shop's webhook", () => {
  it('delivers every parcel by its signed reports, each journey applied in sequence and once though reports arrive out of order and twice', async () => {
    const duplicatesBefore = await shippingCounter('orchard_carrier_updates_received_total', {
      outcome: 'duplicate',
    });
    const orderIds = await twoParcelOrders(12);

    for (const orderId of orderIds) await orderReaching(orderId, ['DELIVERED'], 90_000);

    const parcels = await parcelsOf(orderIds);
    assert.equal(parcels.length, 24);
    for (const parcel of parcels) assertJourneyWhole(parcel);
    // The carrier's habits reached the shop: some step arrived before the one it follows…
    const overtaken = parcels.filter((p) =>
      p.arrived.some((u, i) => i > 0 && u.sequence < (p.arrived[i - 1]?.sequence ?? 0)),
    );
    assert.ok(overtaken.length > 0, 'some update arrived before an earlier one');
    // …and some arrived twice, the second time changing nothing.
    const duplicatesAfter = await shippingCounter('orchard_carrier_updates_received_total', {
      outcome: 'duplicate',
    });
    assert.ok(duplicatesAfter > duplicatesBefore, 'some update arrived twice');

    // The order's details show what the carrier last reported of each parcel.
    const details = await call<{ shipment: { parcels: { carrierStatus: string }[] } }>(
      'GET',
      `/orders/${orderIds[0]}/details`,
    );
    assert.deepEqual(
      details.body.shipment.parcels.map((p) => p.carrierStatus),
      ['DELIVERED', 'DELIVERED'],
    );
  });

  it('refuses forged, stale, unsigned and unknown calls, and takes a replay as the duplicate it is, changing nothing', async () => {
    const [orderId] = await twoParcelOrders(1);
    assert.ok(orderId);
    await orderReaching(orderId, ['DELIVERED'], 90_000);
    const [parcel] = await parcelsOf([orderId]);
    assert.ok(parcel);

    // The carrier's own first report, sent again: the shop has it.
    const replay = await webhookCall(parcel.parcelId, 1, 'PICKED_UP');
    assert.equal(replay.status, 202, replay.text);
    assert.deepEqual(JSON.parse(replay.text), { outcome: 'duplicate' });
    // A failed delivery after the delivery, signed with a secret that is not the carrier's.
    assertProblem(
      await webhookCall(parcel.parcelId, 9, 'FAILED_DELIVERY', {
        secret: `whsec_${'A'.repeat(32)}`,
      }),
      401,
    );
    // Genuinely signed, but ten minutes ago: a replay from a capture.
    assertProblem(
      await webhookCall(parcel.parcelId, 9, 'FAILED_DELIVERY', { signedAgoSeconds: 600 }),
      401,
    );
    assertProblem(await webhookCall(randomUUID(), 1, 'PICKED_UP'), 422);
    assertProblem(
      await rawRequest({
        method: 'POST',
        path: carrierWebhookPath,
        anonymous: true,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ parcelId: parcel.parcelId, sequence: 9, status: 'FAILED_DELIVERY' }),
      }),
      400,
    );

    assert.deepEqual(await parcelsOf([orderId]).then((p) => p[0]), parcel, 'nothing changed');
  });

  it('hands a parcel over again when the carrier, restarted, has forgotten it, and it still arrives once', async () => {
    const [orderId] = await twoParcelOrders(1);
    assert.ok(orderId);
    await waitFor(
      async () => {
        const parcels = await parcelsOf([orderId]);
        return parcels.length === 2 && parcels.every((p) => p.handedOverAt !== null);
      },
      {
        timeoutMs: 30_000,
        intervalMs: 20,
        what: 'the parcels to be handed over',
      },
    );
    await killHard('carrier-simulator');
    const forgotten = await parcelsOf([orderId]);
    assert.equal(forgotten.length, 2);
    assert.ok(
      forgotten.every((p) => p.status === 'DISPATCHED'),
      'the carrier died with the parcels on their way',
    );

    await new Stack(system()).select(['carrier-simulator']).up();
    await orderReaching(orderId, ['DELIVERED'], 90_000);

    const parcels = await parcelsOf([orderId]);
    assert.equal(parcels.length, 2);
    for (const [i, parcel] of parcels.entries()) {
      assertJourneyWhole(parcel);
      assert.ok(
        (parcel.handedOverAt?.getTime() ?? 0) > (forgotten[i]?.handedOverAt?.getTime() ?? 0),
        'handed over again',
      );
    }
  });
});
