import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor } from './page-cursor';

const crafted = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const refused = (cursor: string, parts: Parameters<typeof decodeCursor>[1]) =>
  assert.throws(() => decodeCursor(cursor, parts), /not the nextCursor of a previous page/);

describe('paging cursors', () => {
  const placedKey = '2026-11-21T10:00:01.123456+00:00';
  const orderId = '0b0c6a2e-6d5e-4c1f-9d0e-7f9a3b2c1d4e';

  it('gives back the key of a page it made', () => {
    const cursor = encodeCursor([placedKey, orderId]);
    assert.deepEqual(decodeCursor(cursor, ['timestamp', 'uuid']), [placedKey, orderId]);
    assert.deepEqual(decodeCursor(encodeCursor(['SKU-1']), ['text']), ['SKU-1']);
  });

  it('refuses a crafted key before it reaches a query: not a uuid, not a time, too long', () => {
    refused(crafted([placedKey, 'not-a-uuid']), ['timestamp', 'uuid']);
    refused(crafted(['yesterday', orderId]), ['timestamp', 'uuid']);
    refused(crafted(['2026-13-45T99:00:00+00:00', orderId]), ['timestamp', 'uuid']);
    refused(crafted([placedKey, orderId, 'extra']), ['timestamp', 'uuid']);
    refused(crafted([placedKey, 42]), ['timestamp', 'uuid']);
    refused(crafted(['x'.repeat(201)]), ['text']);
    refused('bm90LWEtY3Vyc29y', ['text']);
    refused('%%%', ['text']);
  });
});
