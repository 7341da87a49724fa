import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEvent } from '@orchard/contracts';
import type { Transaction } from '../database/database';
import { appendToOutbox, InvalidEventError } from './outbox';

/** Records the statements instead of running them: the validation happens before any SQL. */
function recordingTransaction() {
  const statements: unknown[][] = [];
  const tx = {
    query: async (_text: string, values: unknown[]) => {
      statements.push(values);
      return { rows: [], rowCount: 1 };
    },
  } as unknown as Transaction;
  return { tx, statements };
}

const orderId = '0b9f8a52-0c3e-4b8e-9f0a-6f2d7e1c5a10';

describe('appendToOutbox', () => {
  it('writes a valid event as the envelope consumers parse, under the id it returns', async () => {
    const { tx, statements } = recordingTransaction();
    const id = await appendToOutbox(tx, {
      type: 'shipment.cancelled',
      version: 1,
      aggregateType: 'shipment',
      aggregateId: orderId,
      data: { orderId },
    });
    assert.equal(statements.length, 1);
    const [rowId, aggregateType, aggregateId, type, payload] = statements[0] ?? [];
    assert.deepEqual(
      [rowId, aggregateType, aggregateId, type],
      [id, 'shipment', orderId, 'shipment.cancelled'],
    );
    const parsed = parseEvent(payload);
    assert.ok(parsed.ok);
    assert.equal(parsed.event.id, id);
  });

  it('throws on an event that breaks its contract, and writes nothing', async () => {
    const { tx, statements } = recordingTransaction();
    const event = {
      type: 'shipment.cancelled',
      version: 1,
      aggregateType: 'shipment',
      aggregateId: orderId,
      data: { orderId: 'not-a-uuid' },
    };
    await assert.rejects(appendToOutbox(tx, event), (error: unknown) => {
      assert.ok(error instanceof InvalidEventError);
      assert.match(error.message, /shipment\.cancelled v1 breaks its contract \(data-invalid\)/);
      return true;
    });
    await assert.rejects(appendToOutbox(tx, { ...event, version: 2 }), /unknown-version/);
    await assert.rejects(
      appendToOutbox(tx, { ...event, type: 'ShipmentCancelled' }),
      /unknown-type/,
    );
    assert.equal(statements.length, 0);
  });
});
