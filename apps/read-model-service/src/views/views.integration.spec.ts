import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  eventRegistry,
  findEventContract,
  topicOf,
  type EventType,
  type OrchardEvent,
} from '@orchard/contracts';
import { Database, migrate } from '@orchard/platform/database';
import { processMessage, type MessageProcessor } from '@orchard/platform/kafka';
import { postgresUrl } from '@orchard/stack';
import type { KafkaMessage, Message } from 'kafkajs';
import { migrationsDir } from '../app.module';
import { QueriesRepository } from '../queries/queries.repository';
import { createViewSchema, dropSchema, inSchema, viewTables } from '../rebuild/view-schema';
import { projectEvent } from './project-event';

/**
 * The views' handler on the real read-model database, each test in a schema of its own made
 * like the live tables (as the rebuild makes them), so the live views never see these events.
 * Events go through processMessage, the consumer's own path: contract check, inbox, handler.
 */
const databaseUrl = postgresUrl('readmodel');
const runId = randomBytes(4).toString('hex');
const schemas: string[] = [];
const databases: Database[] = [];
let admin: Database;

type Data<T extends EventType> = Extract<OrchardEvent, { type: T }>['data'];

let clock = Date.parse('2026-11-21T10:00:00.000Z');

/** An event as its producer writes it; each one a second after the previous. */
function event<T extends EventType>(type: T, aggregateId: string, data: Data<T>): OrchardEvent {
  const contract = findEventContract(type, 1);
  assert.ok(contract, `a contract for ${type}`);
  clock += 1000;
  return {
    id: randomUUID(),
    occurredAt: new Date(clock).toISOString(),
    type,
    version: 1,
    aggregateType: contract.aggregateType,
    aggregateId,
    data,
  } as OrchardEvent;
}

/**
 * The events of a small shop: two products and four orders, one delivered, one cancelled after
 * confirmation, one refused by the carrier and one the customer could not pay for.
 */
function shopEvents() {
  const tea = `SPEC-${runId}-TEA`.toUpperCase();
  const mug = `SPEC-${runId}-MUG`.toUpperCase();
  const customerId = randomUUID();
  const [delivered, cancelled, unshippable, declined, failed] = [1, 2, 3, 4, 5].map(() =>
    randomUUID(),
  );
  const shipmentId = randomUUID();
  const [north, south] = [randomUUID(), randomUUID()];
  const teaLine = (quantity: number) => ({
    sku: tea,
    quantity,
    unitPriceCents: 450,
    warehouse: 'north',
  });
  const mugLine = { sku: mug, quantity: 1, unitPriceCents: 1200, warehouse: 'south' };
  const qty = ({ sku, quantity }: { sku: string; quantity: number }) => ({ sku, quantity });
  const pay = (orderId: string, amountCents: number) => ({ orderId, customerId, amountCents });
  const placed = (orderId: string, lines: { sku: string; quantity: number }[]) =>
    event('order.placed', orderId, { orderId, customerId, items: lines.map(qty) });
  const reserved = (orderId: string, lines: ReturnType<typeof teaLine>[]) =>
    event('stock.reserved', orderId, {
      orderId,
      lines,
      totalCents: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0),
    });
  const released = (orderId: string, lines: { sku: string; quantity: number }[]) =>
    event('stock.released', orderId, { orderId, lines: lines.map(qty) });
  const confirmed = (orderId: string, lines: ReturnType<typeof teaLine>[], totalCents: number) =>
    event('order.confirmed', orderId, {
      orderId,
      status: 'CONFIRMED',
      previousStatus: 'PENDING',
      reason: null,
      totalCents,
      lines,
    });
  const rejected = (orderId: string, reason: string) =>
    event('order.rejected', orderId, {
      orderId,
      status: 'REJECTED',
      previousStatus: 'PENDING',
      reason,
    });

  const byTopic = {
    inventory: [
      event('product.upserted', tea, {
        sku: tea,
        name: 'Sencha',
        priceCents: 450,
        warehouse: 'north',
        lowStockThreshold: 5,
      }),
      event('product.upserted', mug, {
        sku: mug,
        name: 'Mug',
        priceCents: 1200,
        warehouse: 'south',
        lowStockThreshold: 1,
      }),
      event('stock.adjusted', tea, { sku: tea, delta: 10, reason: 'delivery', onHand: 10 }),
      event('stock.adjusted', mug, { sku: mug, delta: 5, reason: 'delivery', onHand: 5 }),
      reserved(delivered, [teaLine(2), mugLine]),
      reserved(cancelled, [teaLine(2)]),
      reserved(unshippable, [teaLine(1)]),
      reserved(declined, [teaLine(1)]),
      event('stock.low', tea, { sku: tea, onHand: 4, threshold: 5 }),
      released(unshippable, [teaLine(1)]),
      released(declined, [teaLine(1)]),
      event('stock.committed', delivered, {
        orderId: delivered,
        lines: [qty(teaLine(2)), qty(mugLine)],
      }),
      released(cancelled, [teaLine(2)]),
    ],
    wallet: [
      event('account.opened', customerId, { customerId }),
      event('funds.deposited', customerId, { customerId, amountCents: 5000 }),
    ],
    alert: [
      event('alert.raised', 'rejection-rate', {
        alertId: randomUUID(),
        kind: 'rejection-rate',
        windowStart: '2026-05-04T10:00:00.000Z',
        windowEnd: '2026-05-04T10:05:00.000Z',
        rate: 0.6,
        threshold: 0.5,
        decisions: 10,
        rejections: 6,
      }),
    ],
    payment: [
      event('payment.authorized', delivered, pay(delivered, 2100)),
      event('payment.authorized', cancelled, pay(cancelled, 900)),
      event('payment.authorized', unshippable, pay(unshippable, 450)),
      event('payment.declined', declined, { ...pay(declined, 450), reason: '0 cents available' }),
      event('payment.voided', unshippable, pay(unshippable, 450)),
      event('payment.captured', delivered, pay(delivered, 2100)),
      event('payment.captured', cancelled, pay(cancelled, 900)),
      event('payment.refunded', cancelled, pay(cancelled, 900)),
    ],
    shipment: [
      event('shipment.created', delivered, {
        orderId: delivered,
        shipmentId,
        parcels: [
          { parcelId: north, warehouse: 'north', items: [qty(teaLine(2))] },
          { parcelId: south, warehouse: 'south', items: [qty(mugLine)] },
        ],
      }),
      event('shipment.created', cancelled, {
        orderId: cancelled,
        shipmentId: randomUUID(),
        parcels: [{ parcelId: randomUUID(), warehouse: 'north', items: [qty(teaLine(2))] }],
      }),
      event('shipment.dispatched', delivered, {
        orderId: delivered,
        shipmentId,
        parcelId: north,
        warehouse: 'north',
        items: [qty(teaLine(2))],
      }),
      event('shipment.dispatched', delivered, {
        orderId: delivered,
        shipmentId,
        parcelId: south,
        warehouse: 'south',
        items: [qty(mugLine)],
      }),
      event('shipment.cancelled', cancelled, { orderId: cancelled }),
      event('shipment.delivered', delivered, { orderId: delivered, shipmentId, parcelId: north }),
      event('shipment.delivered', delivered, { orderId: delivered, shipmentId, parcelId: south }),
    ],
    order: [
      placed(delivered, [teaLine(2), mugLine]),
      placed(cancelled, [teaLine(2)]),
      placed(unshippable, [teaLine(1)]),
      placed(declined, [teaLine(1)]),
      placed(failed, [teaLine(1)]),
      rejected(declined, 'InsufficientFunds: 0 cents available'),
      rejected(unshippable, 'Unshippable: the carrier does not deliver to AQ'),
      confirmed(delivered, [teaLine(2), mugLine], 2100),
      confirmed(cancelled, [teaLine(2)], 900),
      event('order.cancelled', cancelled, {
        orderId: cancelled,
        status: 'CANCELLED',
        previousStatus: 'CONFIRMED',
        reason: 'changed my mind',
      }),
      event('order.shipped', delivered, {
        orderId: delivered,
        status: 'SHIPPED',
        previousStatus: 'CONFIRMED',
        reason: null,
      }),
      event('order.delivered', delivered, {
        orderId: delivered,
        status: 'DELIVERED',
        previousStatus: 'SHIPPED',
        reason: null,
      }),
      event('order.failed', failed, {
        orderId: failed,
        status: 'FAILED',
        previousStatus: 'PENDING',
        reason: 'reserving stock: the inventory database refused',
      }),
    ],
  };
  // One interleaving of them all: each topic's events in their order.
  const all = Object.values(byTopic)
    .flat()
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return {
    byTopic,
    all,
    tea,
    mug,
    customerId,
    delivered,
    cancelled,
    unshippable,
    declined,
    failed,
  };
}

/** A message as the outbox router publishes it. */
function asMessage(event: OrchardEvent, offset: number): KafkaMessage {
  return {
    key: Buffer.from(event.aggregateId),
    value: Buffer.from(JSON.stringify(event)),
    headers: { id: Buffer.from(event.id), eventType: Buffer.from(event.type) },
    offset: String(offset),
    timestamp: String(Date.now()),
    attributes: 0,
  } as unknown as KafkaMessage;
}

/** Fresh views in a schema of their own, and a way to deliver events to them. */
async function freshViews(name: string) {
  const schema = `views_spec_${runId}_${name}`;
  schemas.push(schema);
  await createViewSchema(admin.pool, schema);
  const database = new Database(inSchema(databaseUrl, schema), { max: 2 });
  databases.push(database);
  const deadLetters: Message[] = [];
  const processor: MessageProcessor = {
    consumer: 'read-model-service.views-spec',
    database,
    handle: projectEvent,
    sendToDeadLetter: async (message) => void deadLetters.push(message),
  };
  let offset = 0;
  const deliver = (event: OrchardEvent) =>
    processMessage(
      { topic: topicOf(event.aggregateType), partition: 0, message: asMessage(event, offset++) },
      processor,
    );
  const deliverAll = async (events: readonly OrchardEvent[]) => {
    const outcomes = [];
    for (const e of events) outcomes.push((await deliver(e)).outcome);
    return outcomes;
  };
  return { database, deadLetters, deliver, deliverAll, queries: new QueriesRepository(database) };
}

/** Every row of every view, in a stable order. */
async function snapshot(database: Database) {
  const tables: Record<string, unknown[]> = {};
  for (const table of viewTables)
    tables[table] = await database.query(`select * from ${table} order by 1`);
  return tables;
}

/**
 * The events as one consumer may receive them: Kafka keeps the order of each key's events
 * (one topic, one aggregate id) and nothing else. `pick` chooses which key goes next.
 */
function interleave(
  events: readonly OrchardEvent[],
  pick: (keys: string[]) => string | undefined,
): OrchardEvent[] {
  const queues = new Map<string, OrchardEvent[]>();
  for (const e of events) {
    const key = `${topicOf(e.aggregateType)}/${e.aggregateId}`;
    queues.set(key, [...(queues.get(key) ?? []), e]);
  }
  const merged: OrchardEvent[] = [];
  for (;;) {
    const keys = [...queues.keys()].filter((key) => (queues.get(key)?.length ?? 0) > 0);
    const next = keys.length > 0 ? queues.get(pick(keys) ?? '')?.shift() : undefined;
    if (!next) return merged;
    merged.push(next);
  }
}

/** Late first: shipments, payments and reservations before their orders, stock before products. */
function latestTopicsFirst(e: OrchardEvent): number {
  if (e.aggregateType === 'order') return 3;
  if (e.type === 'product.upserted' || e.type === 'stock.adjusted' || e.type === 'stock.low')
    return 2;
  return e.aggregateType === 'inventory' ? 1 : 0;
}

describe('the views on the real read-model database', () => {
  before(async () => {
    await migrate(databaseUrl, migrationsDir);
    admin = new Database(databaseUrl, { max: 1 });
  });

  after(async () => {
    await Promise.all(databases.map((d) => d.close()));
    for (const schema of schemas) await dropSchema(admin.pool, schema);
    await admin.close();
  });

  it('applies every event type of the contracts, each to the views it concerns', async () => {
    const shop = shopEvents();
    const views = await freshViews('every_type');
    const noView = new Set(['stock.low', 'account.opened', 'funds.deposited', 'alert.raised']);
    for (const e of shop.all) {
      const before = await snapshot(views.database);
      assert.equal((await views.deliver(e)).outcome, 'handled', e.type);
      const changed = JSON.stringify(await snapshot(views.database)) !== JSON.stringify(before);
      assert.equal(
        changed,
        !noView.has(e.type),
        `${e.type} changes the views: ${!noView.has(e.type)}`,
      );
    }
    assert.deepEqual(
      [...new Set(shop.all.map((e) => e.type))].sort(),
      [...eventRegistry.keys()].sort(),
      'the spec covers every registered event type',
    );

    const order = await views.queries.orderSummary(shop.delivered);
    assert.ok(order);
    assert.equal(order.status, 'DELIVERED');
    assert.equal(order.customerId, shop.customerId);
    assert.equal(order.totalCents, 2100);
    assert.deepEqual(
      order.items.map((i) => [i.sku, i.quantity, i.unitPriceCents]),
      [
        [shop.mug, 1, 1200],
        [shop.tea, 2, 450],
      ],
    );
    assert.deepEqual(
      order.history.map((h) => h.status),
      ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED'],
    );
    assert.deepEqual(order.payment, { status: 'CAPTURED', amountCents: 2100 });
    assert.deepEqual(order.reservation, { status: 'COMMITTED' });
    assert.equal(order.shipment?.status, 'DELIVERED');
    assert.deepEqual(
      order.shipment?.parcels.map((p) => p.status),
      ['DELIVERED', 'DELIVERED'],
    );
    const last = shop.all
      .filter((e) => 'orderId' in e.data && e.data.orderId === shop.delivered)
      .at(-1);
    assert.equal(order.updatedAt, last?.occurredAt);

    const cancelled = await views.queries.orderSummary(shop.cancelled);
    assert.equal(cancelled?.status, 'CANCELLED');
    assert.equal(cancelled?.reason, 'changed my mind');
    assert.deepEqual(cancelled?.payment, { status: 'REFUNDED', amountCents: 900 });
    assert.deepEqual(cancelled?.reservation, { status: 'RELEASED' });
    assert.equal(cancelled?.shipment?.status, 'CANCELLED');
    assert.ok(cancelled?.shipment?.parcels.every((p) => p.status === 'CANCELLED'));

    const unshippable = await views.queries.orderSummary(shop.unshippable);
    assert.equal(unshippable?.status, 'REJECTED');
    assert.match(unshippable?.reason ?? '', /Unshippable/);
    assert.equal(unshippable?.totalCents, null);
    assert.deepEqual(unshippable?.payment, { status: 'VOIDED', amountCents: 450 });
    assert.equal(unshippable?.shipment, null);
    const declined = await views.queries.orderSummary(shop.declined);
    assert.deepEqual(declined?.payment, { status: 'DECLINED', amountCents: 450 });
    assert.deepEqual(
      declined?.history.map((h) => [h.status, h.reason]),
      [
        ['PENDING', null],
        ['REJECTED', 'InsufficientFunds: 0 cents available'],
      ],
    );

    const history = await views.queries.customerOrders(shop.customerId, { limit: 100 });
    assert.equal(history.nextCursor, null);
    assert.deepEqual(
      history.items.map((o) => [o.orderId, o.status, o.totalCents]),
      [
        [shop.failed, 'FAILED', null],
        [shop.declined, 'REJECTED', null],
        [shop.unshippable, 'REJECTED', null],
        [shop.cancelled, 'CANCELLED', 900],
        [shop.delivered, 'DELIVERED', 2100],
      ],
      'newest first',
    );

    // 10 came in; 2 went to the delivered order; the others' units came back.
    assert.deepEqual(await views.queries.product(shop.tea), {
      sku: shop.tea,
      name: 'Sencha',
      priceCents: 450,
      warehouse: 'north',
      available: 8,
    });
    assert.equal((await views.queries.product(shop.mug))?.available, 4);

    // The same history a page at a time: every order once, in the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await views.queries.customerOrders(shop.customerId, { limit: 1, cursor });
      paged.push(...page.items.map((o) => o.orderId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    assert.deepEqual(
      paged,
      history.items.map((o) => o.orderId),
    );
    assert.equal(pages, 5);
    // The catalog a page of one, then the rest: together exactly the catalog in one page.
    const catalog = (await views.queries.products({ limit: 100 })).items.map((p) => p.sku);
    assert.ok(catalog.length >= 2, `a catalog to page through: ${catalog.join(', ')}`);
    const products = await views.queries.products({ limit: 1 });
    assert.equal(products.items.length, 1);
    const rest = await views.queries.products({ limit: 100, cursor: products.nextCursor ?? '' });
    assert.deepEqual(
      [...products.items, ...rest.items].map((p) => p.sku),
      catalog,
    );
    assert.equal(rest.nextCursor, null, 'the last page says so');
    await assert.rejects(
      views.queries.customerOrders(shop.customerId, { limit: 1, cursor: 'bm90LWEtY3Vyc29y' }),
      /not the nextCursor/,
    );
  });

  it("gives each customer their own history only, page after page, among others' orders", async () => {
    const shop = shopEvents();
    const views = await freshViews('histories');
    const other = randomUUID();
    // Another customer orders at the same moment as each of ours (ties broken by id), and
    // half a second later: their orders sit between ours on every page boundary.
    const othersOrders = shop.all
      .filter((e) => e.type === 'order.placed')
      .flatMap((placed) =>
        [0, 500].map((laterMs) => {
          const orderId = randomUUID();
          const theirs = event('order.placed', orderId, {
            orderId,
            customerId: other,
            items: [{ sku: shop.tea, quantity: 1 }],
          });
          return {
            ...theirs,
            occurredAt: new Date(Date.parse(placed.occurredAt) + laterMs).toISOString(),
          } as OrchardEvent;
        }),
      );
    await views.deliverAll([...shop.all, ...othersOrders]);
    const ours: string[] = [
      shop.failed,
      shop.declined,
      shop.unshippable,
      shop.cancelled,
      shop.delivered,
    ];

    const pagesOf = async (customerId: string, limit: number) => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await views.queries.customerOrders(customerId, { limit, cursor });
        pages.push(page.items.map((o) => o.orderId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return pages;
    };
    for (const limit of [1, 2, 100]) {
      const pages = await pagesOf(shop.customerId, limit);
      for (const page of pages)
        assert.ok(
          page.every((id) => ours.includes(id)),
          `a page of ${limit} holds only the asker's orders: ${page.join(', ')}`,
        );
      assert.deepEqual(pages.flat(), ours, `pages of ${limit}: exactly the history, newest first`);
    }
    const theirs = (await pagesOf(other, 3)).flat();
    assert.deepEqual(
      [...theirs].sort(),
      othersOrders.map((e) => e.aggregateId).sort(),
      "the other customer's history is theirs alone",
    );
  });

  it('changes nothing when events are delivered again', async () => {
    const shop = shopEvents();
    const views = await freshViews('redelivery');
    await views.deliverAll(shop.all);
    const once = await snapshot(views.database);

    const again = await views.deliverAll([...shop.all].reverse());
    assert.deepEqual(new Set(again), new Set(['duplicate']));
    assert.deepEqual(await snapshot(views.database), once);
  });

  it('ends in the same views whatever the order of arrival across topics', async () => {
    const shop = shopEvents();
    const written = await freshViews('as_written');
    await written.deliverAll(shop.all);
    const expected = await snapshot(written.database);

    // Everything about the orders before the orders themselves, and stock before the products.
    const backwards = [...shop.all].sort((a, b) => latestTopicsFirst(a) - latestTopicsFirst(b));
    const late = await freshViews('late_first');
    await late.deliverAll(interleave(backwards, (keys) => keys[0]));
    assert.deepEqual(await snapshot(late.database), expected);

    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const run of [1, 2, 3, 4, 5]) {
      const shuffled = await freshViews(`shuffled_${run}`);
      await shuffled.deliverAll(
        interleave(shop.all, (keys) => keys[Math.floor(random() * keys.length)]),
      );
      assert.deepEqual(await snapshot(shuffled.database), expected, `interleaving ${run}`);
    }
  });

  it('shows an order only once it is placed, and a product only once it is in the catalog', async () => {
    const shop = shopEvents();
    const views = await freshViews('half_built');
    const early = [
      ...shop.byTopic.payment,
      ...shop.byTopic.inventory.filter((e) => e.type !== 'product.upserted'),
    ];
    await views.deliverAll(early);
    assert.equal(await views.queries.orderSummary(shop.delivered), undefined);
    assert.equal(await views.queries.product(shop.tea), undefined);
    assert.ok(
      !(await views.queries.products({ limit: 100 })).items.some((p) => p.sku === shop.tea),
    );

    await views.deliverAll(shop.byTopic.inventory.filter((e) => e.type === 'product.upserted'));
    await views.deliverAll(shop.byTopic.order);
    assert.equal((await views.queries.orderSummary(shop.delivered))?.payment?.status, 'CAPTURED');
    assert.equal((await views.queries.product(shop.tea))?.available, 8);
  });

  it('dead-letters the delivery of a parcel it never saw leave, and changes nothing', async () => {
    const views = await freshViews('contradiction');
    const orderId = randomUUID();
    const before = await snapshot(views.database);
    const result = await views.deliver(
      event('shipment.delivered', orderId, {
        orderId,
        shipmentId: randomUUID(),
        parcelId: randomUUID(),
      }),
    );
    assert.equal(result.outcome, 'dead-lettered');
    assert.equal(views.deadLetters.length, 1);
    assert.deepEqual(await snapshot(views.database), before);
  });
});
