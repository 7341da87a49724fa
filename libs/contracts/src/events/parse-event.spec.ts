import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEvent, type ParsedEvent } from './parse-event';

const orderId = '0b9f8a52-0c3e-4b8e-9f0a-6f2d7e1c5a10';
const shipmentCancelled = {
  id: '9c1d6a0e-2f3b-4c5d-8e7f-1a2b3c4d5e6f',
  occurredAt: '2026-11-21T20:19:31.302Z',
  type: 'shipment.cancelled',
  version: 1,
  aggregateType: 'shipment',
  aggregateId: orderId,
  data: { orderId },
};

function refusal(parsed: ParsedEvent): [string, string] {
  assert.equal(parsed.ok, false, 'refused');
  return parsed.ok ? ['', ''] : [parsed.reason, parsed.detail];
}

describe('parseEvent', () => {
  it('reads an event from JSON text, from bytes and from a parsed value alike', () => {
    for (const value of [
      JSON.stringify(shipmentCancelled),
      Buffer.from(JSON.stringify(shipmentCancelled)),
      shipmentCancelled,
    ]) {
      const parsed = parseEvent(value);
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.event, shipmentCancelled);
    }
  });

  it('narrows the event by type for consumers', () => {
    const parsed = parseEvent(shipmentCancelled);
    assert.ok(parsed.ok);
    const { event } = parsed;
    // A compile-time check as much as a runtime one: data is typed by the event type.
    const id = event.type === 'shipment.cancelled' ? event.data.orderId : undefined;
    assert.equal(id, orderId);
  });

  it('refuses what is not JSON, and a missing value', () => {
    assert.equal(refusal(parseEvent('{"id": '))[0], 'not-json');
    assert.equal(refusal(parseEvent(Buffer.from([0xff, 0xfe, 0x00])))[0], 'not-json');
    assert.equal(refusal(parseEvent(null))[0], 'not-json');
  });

  it('refuses a bad envelope and names the field', () => {
    const [reason, detail] = refusal(parseEvent({ ...shipmentCancelled, id: 'event-1' }));
    assert.equal(reason, 'bad-envelope');
    assert.match(detail, /^id: /);
    assert.equal(refusal(parseEvent('[1, 2]'))[0], 'bad-envelope');
    assert.equal(refusal(parseEvent({ ...shipmentCancelled, version: '1' }))[0], 'bad-envelope');
  });

  it('refuses an event filed under another aggregate type than its contract', () => {
    const [reason, detail] = refusal(parseEvent({ ...shipmentCancelled, aggregateType: 'order' }));
    assert.equal(reason, 'bad-envelope');
    assert.match(detail, /belongs to aggregate type shipment/);
  });

  it('refuses an unknown type', () => {
    const [reason] = refusal(parseEvent({ ...shipmentCancelled, type: 'ShipmentCancelled' }));
    assert.equal(reason, 'unknown-type');
  });

  it('refuses an unknown version of a known type, naming the known ones', () => {
    const [reason, detail] = refusal(parseEvent({ ...shipmentCancelled, version: 2 }));
    assert.equal(reason, 'unknown-version');
    assert.equal(detail, 'shipment.cancelled has no version 2 (known: 1)');
  });

  it('refuses data that breaks the contract, naming the field', () => {
    const [reason, detail] = refusal(parseEvent({ ...shipmentCancelled, data: { orderId: 7 } }));
    assert.equal(reason, 'data-invalid');
    assert.match(detail, /^shipment\.cancelled v1: orderId: /);
  });

  it('keeps only the fields the contract knows, so consumers read what it promises', () => {
    const parsed = parseEvent({ ...shipmentCancelled, data: { orderId, carrier: 'later' } });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.event.data, { orderId });
  });

  it('reads a null the CDC pipeline dropped on the way as null', () => {
    // Debezium's outbox router drops JSON nulls when it expands the payload.
    const confirmed = {
      ...shipmentCancelled,
      type: 'order.confirmed',
      aggregateType: 'order',
      data: {
        orderId,
        status: 'CONFIRMED',
        previousStatus: 'PENDING',
        totalCents: 900,
        lines: [{ sku: 'TEA-001', quantity: 2, unitPriceCents: 450, warehouse: 'north' }],
      },
    };
    const parsed = parseEvent(JSON.stringify(confirmed));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.detail);
    assert.deepEqual(parsed.event.data, { ...confirmed.data, reason: null });
  });
});
