import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  applyToSummary,
  ContradictingEventError,
  emptySummary,
  shipmentStatusOf,
  type OrderSummaryEvent,
  type OrderSummaryState,
} from './order-summary';

const orderId = randomUUID();
const customerId = randomUUID();
const shipmentId = randomUUID();
const [north, south] = [randomUUID(), randomUUID()];
let clock = Date.parse('2026-11-21T10:00:00.000Z');

function event<T extends OrderSummaryEvent['type']>(
  type: T,
  data: Extract<OrderSummaryEvent, { type: T }>['data'],
): OrderSummaryEvent {
  const aggregateType = type.startsWith('order.')
    ? 'order'
    : type.startsWith('payment.')
      ? 'payment'
      : type.startsWith('shipment.')
        ? 'shipment'
        : 'inventory';
  clock += 1000;
  return {
    id: randomUUID(),
    occurredAt: new Date(clock).toISOString(),
    type,
    version: 1,
    aggregateType,
    aggregateId: orderId,
    data,
  } as OrderSummaryEvent;
}

const lines = [
  { sku: 'TEA-1', quantity: 2, unitPriceCents: 450, warehouse: 'north' },
  { sku: 'MUG-1', quantity: 1, unitPriceCents: 1200, warehouse: 'south' },
];
const quantities = lines.map(({ sku, quantity }) => ({ sku, quantity }));

/** One order's life, per topic, each in the order its topic keeps. */
const topics: Record<string, OrderSummaryEvent[]> = {
  order: [
    event('order.placed', { orderId, customerId, items: quantities }),
    event('order.confirmed', {
      orderId,
      status: 'CONFIRMED',
      previousStatus: 'PENDING',
      reason: null,
      totalCents: 2100,
      lines,
    }),
    event('order.shipped', {
      orderId,
      status: 'SHIPPED',
      previousStatus: 'CONFIRMED',
      reason: null,
    }),
    event('order.delivered', {
      orderId,
      status: 'DELIVERED',
      previousStatus: 'SHIPPED',
      reason: null,
    }),
  ],
  payment: [
    event('payment.authorized', { orderId, customerId, amountCents: 2100 }),
    event('payment.captured', { orderId, customerId, amountCents: 2100 }),
  ],
  inventory: [
    event('stock.reserved', { orderId, lines, totalCents: 2100 }),
    event('stock.committed', { orderId, lines: quantities }),
  ],
  shipment: [
    event('shipment.created', {
      orderId,
      shipmentId,
      parcels: [
        { parcelId: north, warehouse: 'north', items: [quantities[0]] },
        { parcelId: south, warehouse: 'south', items: [quantities[1]] },
      ],
    }),
    event('shipment.dispatched', {
      orderId,
      shipmentId,
      parcelId: north,
      warehouse: 'north',
      items: [quantities[0]],
    }),
    event('shipment.dispatched', {
      orderId,
      shipmentId,
      parcelId: south,
      warehouse: 'south',
      items: [quantities[1]],
    }),
    event('shipment.delivered', { orderId, shipmentId, parcelId: north }),
    event('shipment.delivered', { orderId, shipmentId, parcelId: south }),
  ],
};

const applyAll = (events: readonly OrderSummaryEvent[]): OrderSummaryState =>
  events.reduce(applyToSummary, emptySummary(orderId));

/** A random interleaving of the topics that keeps each topic's own order, as Kafka does. */
function interleaving(random: () => number): OrderSummaryEvent[] {
  const queues = Object.values(topics).map((events) => [...events]);
  const merged: OrderSummaryEvent[] = [];
  for (;;) {
    const left = queues.filter((q) => q.length > 0);
    const next = left[Math.floor(random() * left.length)]?.shift();
    if (!next) return merged;
    merged.push(next);
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('an order summary', () => {
  it('follows the order from placed to delivered, with prices, payment, stock and parcels', () => {
    const summary = applyAll(Object.values(topics).flat());
    assert.equal(summary.customerId, customerId);
    assert.equal(summary.status, 'DELIVERED');
    assert.equal(summary.totalCents, 2100);
    assert.deepEqual(summary.items, [
      { sku: 'MUG-1', quantity: 1, unitPriceCents: 1200 },
      { sku: 'TEA-1', quantity: 2, unitPriceCents: 450 },
    ]);
    assert.deepEqual(
      summary.history.map((h) => [h.status, h.at]),
      topics['order'].map((e) => [
        (e.data as { status?: string }).status ?? 'PENDING',
        e.occurredAt,
      ]),
    );
    assert.deepEqual(summary.payment, { status: 'CAPTURED', amountCents: 2100 });
    assert.equal(summary.reservationStatus, 'COMMITTED');
    assert.equal(summary.shipment?.status, 'DELIVERED');
    assert.deepEqual(
      summary.shipment?.parcels.map((p) => [p.warehouse, p.status]),
      [
        ['north', 'DELIVERED'],
        ['south', 'DELIVERED'],
      ],
    );
  });

  it('ends the same whatever the interleaving of the topics', () => {
    const expected = applyAll(Object.values(topics).flat());
    const random = seeded(42);
    for (let run = 0; run < 200; run++) assert.deepEqual(applyAll(interleaving(random)), expected);
  });

  it('keeps items unpriced and the reason of a rejected order', () => {
    const [placed] = topics['order'];
    const summary = applyAll([
      placed,
      event('order.rejected', {
        orderId,
        status: 'REJECTED',
        previousStatus: 'PENDING',
        reason: 'InsufficientFunds: 500 cents available',
      }),
    ]);
    assert.equal(summary.status, 'REJECTED');
    assert.equal(summary.reason, 'InsufficientFunds: 500 cents available');
    assert.equal(summary.totalCents, null);
    assert.ok(summary.items.every((i) => i.unitPriceCents === null));
  });

  it('cancels every parcel of a cancelled shipment', () => {
    const [created] = topics['shipment'];
    const summary = applyAll([created, event('shipment.cancelled', { orderId })]);
    assert.equal(summary.shipment?.status, 'CANCELLED');
    assert.ok(summary.shipment?.parcels.every((p) => p.status === 'CANCELLED'));
  });

  it('refuses the delivery of a parcel it never saw leave, naming it', () => {
    assert.throws(
      () => applyAll([event('shipment.delivered', { orderId, shipmentId, parcelId: north })]),
      ContradictingEventError,
    );
    const [created] = topics['shipment'];
    const stranger = randomUUID();
    assert.throws(
      () =>
        applyAll([
          created,
          event('shipment.delivered', { orderId, shipmentId, parcelId: stranger }),
        ]),
      {
        message: `parcel ${stranger} of order ${orderId} was delivered but never dispatched`,
      },
    );
  });

  it('moves only the parcel an event names, and the shipment with the parcels', () => {
    const [created, dispatchNorth, dispatchSouth, deliverNorth] = topics['shipment'];
    const statuses = (summary: OrderSummaryState) => [
      summary.shipment?.status,
      ...(summary.shipment?.parcels.map((p) => `${p.warehouse} ${p.status}`) ?? []),
    ];
    let summary = applyAll([created, dispatchNorth]);
    assert.deepEqual(statuses(summary), ['DISPATCHED', 'north DISPATCHED', 'south CREATED']);
    summary = applyAll([created, dispatchNorth, dispatchSouth, deliverNorth]);
    assert.deepEqual(statuses(summary), ['DISPATCHED', 'north DELIVERED', 'south DISPATCHED']);
  });

  it('learns of parcels from their dispatch when it has not seen the shipment made', () => {
    const [, dispatchNorth, dispatchSouth] = topics['shipment'];
    const summary = applyAll([dispatchNorth, dispatchSouth, dispatchNorth]);
    assert.equal(summary.shipment?.shipmentId, shipmentId);
    assert.deepEqual(
      summary.shipment?.parcels.map((p) => [p.parcelId, p.warehouse, p.status, p.items]),
      [
        [north, 'north', 'DISPATCHED', [quantities[0]]],
        [south, 'south', 'DISPATCHED', [quantities[1]]],
      ],
    );
  });

  it('records every way a payment and a reservation end', () => {
    for (const [type, status] of [
      ['payment.declined', 'DECLINED'],
      ['payment.voided', 'VOIDED'],
      ['payment.refunded', 'REFUNDED'],
    ] as const) {
      const summary = applyAll([event(type, { orderId, customerId, amountCents: 999 })]);
      assert.deepEqual(summary.payment, { status, amountCents: 999 }, type);
    }
    const released = applyAll([
      event('stock.reserved', { orderId, lines, totalCents: 2100 }),
      event('stock.released', { orderId, lines: quantities }),
    ]);
    assert.equal(released.reservationStatus, 'RELEASED');
  });

  it('lists the items by SKU whatever order they were placed in', () => {
    const items = ['TEA-1', 'APPLE-1', 'MUG-1', 'BAG-1'].map((sku) => ({ sku, quantity: 1 }));
    const summary = applyAll([event('order.placed', { orderId, customerId, items })]);
    assert.deepEqual(
      summary.items.map((i) => i.sku),
      ['APPLE-1', 'BAG-1', 'MUG-1', 'TEA-1'],
    );
  });
});

describe('shipmentStatusOf', () => {
  const parcel = (status: 'CREATED' | 'DISPATCHED' | 'DELIVERED' | 'CANCELLED') => ({
    parcelId: randomUUID(),
    warehouse: 'north',
    items: [],
    status,
  });

  it('is DISPATCHED once any parcel left and DELIVERED once all arrived', () => {
    assert.equal(shipmentStatusOf([parcel('CREATED'), parcel('CREATED')]), 'CREATED');
    assert.equal(shipmentStatusOf([parcel('DISPATCHED'), parcel('CREATED')]), 'DISPATCHED');
    assert.equal(shipmentStatusOf([parcel('DELIVERED'), parcel('DISPATCHED')]), 'DISPATCHED');
    assert.equal(shipmentStatusOf([parcel('DELIVERED'), parcel('DELIVERED')]), 'DELIVERED');
    assert.equal(shipmentStatusOf([parcel('CANCELLED')]), 'CANCELLED');
  });

  it('is CREATED with no parcels, and neither CANCELLED nor DELIVERED while only some are', () => {
    assert.equal(shipmentStatusOf([]), 'CREATED');
    assert.equal(shipmentStatusOf([parcel('CANCELLED'), parcel('CREATED')]), 'CREATED');
    assert.equal(shipmentStatusOf([parcel('DELIVERED'), parcel('CREATED')]), 'DISPATCHED');
    assert.equal(shipmentStatusOf([parcel('CANCELLED'), parcel('DELIVERED')]), 'DISPATCHED');
  });
});
