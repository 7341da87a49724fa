import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestorsOf, traceHolding, type TraceSpan } from './jaeger';
import { call, customerWith, orderReaching, placeOrder, stockedProduct } from './shop-client';

const traceIdHeader = 'x-trace-id';

const span =
  (service: string, operation: string | RegExp) =>
  (s: TraceSpan): boolean =>
    s.service === service &&
    (typeof operation === 'string' ? s.operation === operation : operation.test(s.operation));

const postgresIn = (service: string) => (s: TraceSpan) =>
  s.service === service && s.tags['db.system.name'] === 'postgresql';

/** Spans every order's trace holds, whatever its outcome. */
const sagaSpans = {
  'gateway request': span('gateway', 'POST /orders'),
  'order-service request': span('order-service', 'POST /orders'),
  'workflow start': span('order-service', 'StartWorkflow:placeOrderWorkflow'),
  workflow: span('order-service', 'RunWorkflow:placeOrderWorkflow'),
  'reserve stock': span('inventory-service', 'RunActivity:reserveStock'),
  'order database': postgresIn('order-service'),
  'inventory database': postgresIn('inventory-service'),
  'read model consumer': span('read-model-service', /handle order\.placed$/),
};

function find(spans: TraceSpan[], matches: (s: TraceSpan) => boolean): TraceSpan {
  const found = spans.find(matches);
  assert.ok(found, 'span missing');
  return found;
}

function assertOneTree(spans: TraceSpan[]): void {
  const ids = new Set(spans.map((s) => s.spanId));
  const roots = spans.filter((s) => !s.parentId || !ids.has(s.parentId));
  assert.deepEqual(
    roots.map((r) => `${r.service}: ${r.operation}`),
    ['gateway: POST /orders'],
    'the gateway request is the only root',
  );
}

function assertDescends(spans: TraceSpan[], child: TraceSpan, ancestor: TraceSpan): void {
  assert.ok(
    ancestorsOf(child, spans).some((a) => a.spanId === ancestor.spanId),
    `${child.service} ${child.operation} descends from ${ancestor.service} ${ancestor.operation}`,
  );
}

describe('one trace per order in Jaeger', () => {
  it('follows a confirmed order through gateway, services, saga, databases and consumers', async () => {
    const tea = await stockedProduct(5, 700);
    const customer = await customerWith(5_000);
    const accepted = await placeOrder(customer, [{ sku: tea.sku, quantity: 1 }]);
    const traceId = accepted.headers.get(traceIdHeader);
    assert.match(traceId ?? '', /^[0-9a-f]{32}$/);
    const { orderId } = accepted.body;
    await orderReaching(orderId, ['CONFIRMED', 'SHIPPED', 'DELIVERED']);

    const details = await call<{ order: { traceId: string | null } | null }>(
      'GET',
      `/orders/${orderId}/details`,
    );
    assert.equal(details.body.order?.traceId, traceId, 'the order details name the trace');

    const spans = await traceHolding(traceId as string, {
      ...sagaSpans,
      'authorize payment': span('payment-service', 'RunActivity:authorizePayment'),
      'create shipment': span('shipping-service', 'RunActivity:createShipment'),
      'capture payment': span('payment-service', 'RunActivity:capturePayment'),
      'confirm order': span('order-service', 'RunActivity:confirmOrder'),
      'payment database': postgresIn('payment-service'),
      'shipping database': postgresIn('shipping-service'),
      'read model update': span('read-model-service', /handle order\.confirmed$/),
      'shipping dispatch': span('shipping-service', /handle order\.confirmed$/),
    });

    assertOneTree(spans);
    const workflow = find(spans, sagaSpans.workflow);
    assertDescends(spans, workflow, find(spans, sagaSpans['gateway request']));
    for (const activity of ['reserveStock', 'authorizePayment', 'createShipment', 'confirmOrder'])
      assertDescends(
        spans,
        find(spans, (s) => s.operation === `RunActivity:${activity}`),
        workflow,
      );
    const confirm = find(spans, span('order-service', 'RunActivity:confirmOrder'));
    assertDescends(
      spans,
      find(spans, span('read-model-service', /handle order\.confirmed$/)),
      confirm,
    );
    assertDescends(
      spans,
      find(spans, span('shipping-service', /handle order\.confirmed$/)),
      confirm,
    );
    assert.ok(
      spans.filter((s) => s.tags['order.id'] === orderId).length > 0,
      'spans name the order',
    );
  });

  it('shows the compensations of a rejected order in its trace', async () => {
    const tea = await stockedProduct(5, 700);
    const customer = await customerWith(100);
    const accepted = await placeOrder(customer, [{ sku: tea.sku, quantity: 2 }]);
    const traceId = accepted.headers.get(traceIdHeader) as string;
    const rejected = await orderReaching(accepted.body.orderId, ['CONFIRMED', 'REJECTED']);
    assert.equal(rejected.status, 'REJECTED');

    const spans = await traceHolding(traceId, {
      ...sagaSpans,
      'declined authorization': span('payment-service', 'RunActivity:authorizePayment'),
      'release stock (compensation)': span('inventory-service', 'RunActivity:releaseStock'),
      'reject order': span('order-service', 'RunActivity:rejectOrder'),
      'read model update': span('read-model-service', /handle order\.rejected$/),
    });

    assertOneTree(spans);
    const workflow = find(spans, sagaSpans.workflow);
    const release = find(spans, span('inventory-service', 'RunActivity:releaseStock'));
    assertDescends(spans, release, workflow);
    assertDescends(spans, find(spans, span('order-service', 'RunActivity:rejectOrder')), workflow);
  });
});
