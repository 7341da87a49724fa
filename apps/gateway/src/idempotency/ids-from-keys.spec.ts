import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { depositIdFor, orderIdFor } from './ids-from-keys';

const customer = '2f0c4a0e-6f6e-4c2b-9a51-8d6f2f9a1c01';

describe('orderIdFor', () => {
  it('names the same order for the same customer and key, another for any other', () => {
    const id = orderIdFor(customer, 'key-1');
    assert.equal(orderIdFor(customer, 'key-1'), id);
    assert.notEqual(orderIdFor(customer, 'key-2'), id);
    assert.notEqual(orderIdFor('5b0c4a0e-6f6e-4c2b-9a51-8d6f2f9a1c02', 'key-1'), id);
  });

  it('makes valid UUIDs, and a fresh one per request without a key', () => {
    const ids = [orderIdFor(customer, 'k'), orderIdFor(customer, undefined)];
    for (const id of ids) assert.ok(z.uuid().safeParse(id).success, id);
    assert.match(ids[0] as string, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab]/);
    assert.notEqual(orderIdFor(customer, undefined), orderIdFor(customer, undefined));
  });

  it('never names a deposit and an order alike, though they share a key', () => {
    assert.notEqual(depositIdFor(customer, customer, 'key-1'), orderIdFor(customer, 'key-1'));
    assert.equal(
      depositIdFor(customer, customer, 'key-1'),
      depositIdFor(customer, customer, 'key-1'),
    );
    assert.notEqual(
      depositIdFor(customer, customer, 'key-1'),
      depositIdFor(customer, 'admin', 'key-1'),
    );
  });
});
