import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IHeaders } from 'kafkajs';
import { headersAsText } from './message-headers';

describe('headersAsText', () => {
  it('reads bytes and text, keeping the last of a repeated header', () => {
    assert.deepEqual(
      headersAsText({
        id: Buffer.from('e-1'),
        eventType: 'order.placed',
        x: ['a', Buffer.from('b')],
      }),
      { id: 'e-1', eventType: 'order.placed', x: 'b' },
    );
  });

  it('leaves out headers without a value, as Debezium sends traceparent without a span', () => {
    const headers = { id: Buffer.from('e-1'), traceparent: null } as unknown as IHeaders;
    assert.deepEqual(headersAsText(headers), { id: 'e-1' });
    assert.deepEqual(headersAsText(undefined), {});
  });
});
