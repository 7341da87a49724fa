import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import * as parcelTracking from './parcel-tracking';
import {
  CarrierStatusUpdate,
  CarrierUpdateReceipt,
  carrierHandoverPath,
  carrierStatuses,
  carrierWebhookPath,
  maxJourneyUpdates,
  ParcelHandover,
  SignedCarrierMessage,
} from './parcel-tracking';

const parcelId = '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const otherParcelId = '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b';

// The carrier reports in its own time zone: an offset must be as good as Z.
const update = {
  parcelId,
  sequence: 2,
  status: 'IN_TRANSIT',
  occurredAt: '2026-05-05T09:12:44.000+01:00',
} as const;
const handover = { parcels: [{ parcelId }, { parcelId: otherParcelId }] };
const signed = {
  id: 'msg_2mTq4xWbKcPjVqhR8sY1nZ0LdE3',
  timestamp: '1777972364',
  signature: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  body: JSON.stringify(update),
};
const receipt = { outcome: 'queued' } as const;

const examples = new Map<z.ZodType, unknown>([
  [CarrierStatusUpdate, update],
  [ParcelHandover, handover],
  [SignedCarrierMessage, signed],
  [CarrierUpdateReceipt, receipt],
]);

function refusedAt(schema: z.ZodType, value: unknown): PropertyKey[][] {
  const result = schema.safeParse(value);
  assert.equal(result.success, false, `accepted ${JSON.stringify(value)}`);
  return (result.error?.issues ?? []).map((issue) => issue.path);
}

const assertRefusedAt = (schema: z.ZodType, value: unknown, path: PropertyKey[]) => {
  const paths = refusedAt(schema, value);
  assert.ok(
    paths.some((p) => isDeepStrictEqual(p, path)),
    `refused at ${JSON.stringify(paths)}, not ${JSON.stringify(path)}`,
  );
};

const accepts = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  assert.ok(result.success, result.success ? '' : result.error.message);
  assert.deepEqual(result.data, value);
};

describe('the carrier API', () => {
  it('has an example for every schema it exports', () => {
    const schemas = Object.values(parcelTracking).filter((value) => value instanceof z.ZodType);
    assert.equal(schemas.length, examples.size);
    for (const schema of schemas) assert.ok(examples.has(schema));
  });

  it('accepts each realistic message as it is', () => {
    for (const [schema, example] of examples) accepts(schema, example);
  });

  it('speaks on the paths both sides agree on', () => {
    assert.equal(carrierHandoverPath, '/parcels');
    assert.equal(carrierWebhookPath, '/carrier/webhooks');
  });

  describe('status updates', () => {
    it('name the stages of a journey as the carrier spells them', () => {
      assert.deepEqual(carrierStatuses, [
        'PICKED_UP',
        'IN_TRANSIT',
        'FAILED_DELIVERY',
        'DELIVERED',
      ]);
      assert.deepEqual(CarrierStatusUpdate.shape.status.options, carrierStatuses);
      for (const status of carrierStatuses) accepts(CarrierStatusUpdate, { ...update, status });
    });

    it('refuse a stage the carrier does not report', () => {
      assertRefusedAt(CarrierStatusUpdate, { ...update, status: 'LOST' }, ['status']);
      assertRefusedAt(CarrierStatusUpdate, { ...update, status: 'in_transit' }, ['status']);
    });

    it('count from 1 up to the longest journey, in whole steps', () => {
      assert.equal(maxJourneyUpdates, 20);
      for (const sequence of [1, maxJourneyUpdates])
        accepts(CarrierStatusUpdate, { ...update, sequence });
      for (const sequence of [0, maxJourneyUpdates + 1, 1.5])
        assertRefusedAt(CarrierStatusUpdate, { ...update, sequence }, ['sequence']);
    });

    it('refuse a parcel id that is not a UUID, and an instant without its offset', () => {
      assertRefusedAt(CarrierStatusUpdate, { ...update, parcelId: 'PX-1042' }, ['parcelId']);
      assertRefusedAt(CarrierStatusUpdate, { ...update, occurredAt: '2026-05-05T09:12:44' }, [
        'occurredAt',
      ]);
    });

    it('refuse a field the API does not have', () => {
      assertRefusedAt(CarrierStatusUpdate, { ...update, location: 'Leeds depot' }, []);
    });
  });

  describe('handovers', () => {
    const parcels = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        parcelId: `7d6c5b4a-3e2f-4a1b-9c8d-${String(i).padStart(12, '0')}`,
      }));

    it('hand over 1 to 100 parcels at once', () => {
      for (const n of [1, 100]) accepts(ParcelHandover, { parcels: parcels(n) });
      for (const n of [0, 101])
        assertRefusedAt(ParcelHandover, { parcels: parcels(n) }, ['parcels']);
    });

    it('refuse a parcel with more than its id, or with an id that is not a UUID', () => {
      assertRefusedAt(ParcelHandover, { parcels: [{ parcelId, weightGrams: 950 }] }, [
        'parcels',
        0,
      ]);
      assertRefusedAt(ParcelHandover, { parcels: [{ parcelId: 'PX-1042' }] }, [
        'parcels',
        0,
        'parcelId',
      ]);
      assertRefusedAt(ParcelHandover, { ...handover, urgent: true }, []);
    });
  });

  describe('signed messages', () => {
    const bounds: [field: keyof typeof signed, min: number, max: number][] = [
      ['id', 1, 200],
      ['timestamp', 1, 20],
      ['signature', 1, 2_000],
      ['body', 0, 16_384],
    ];

    for (const [field, min, max] of bounds)
      it(`take a ${field} of ${min} to ${max} characters`, () => {
        for (const length of [min, max])
          accepts(SignedCarrierMessage, { ...signed, [field]: 'x'.repeat(length) });
        for (const length of [min - 1, max + 1].filter((n) => n >= 0))
          assertRefusedAt(SignedCarrierMessage, { ...signed, [field]: 'x'.repeat(length) }, [
            field,
          ]);
      });

    it('refuse a missing header and a field the gateway does not pass on', () => {
      assertRefusedAt(SignedCarrierMessage, { ...signed, signature: undefined }, ['signature']);
      assertRefusedAt(SignedCarrierMessage, { ...signed, contentType: 'application/json' }, []);
    });
  });

  describe('receipts', () => {
    it('say whether shipping queued the update or had it already', () => {
      assert.deepEqual(CarrierUpdateReceipt.shape.outcome.options, ['queued', 'duplicate']);
      accepts(CarrierUpdateReceipt, { outcome: 'duplicate' });
      assertRefusedAt(CarrierUpdateReceipt, { outcome: 'applied' }, ['outcome']);
    });
  });
});
