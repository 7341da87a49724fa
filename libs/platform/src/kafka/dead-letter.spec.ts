import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { deadLetterOf } from './dead-letter';
import { headersAsText } from './message-headers';

const message = {
  key: Buffer.from('order-1'),
  value: Buffer.from('{"not": "an event"'),
  headers: { id: Buffer.from('e-1'), eventType: Buffer.from('order.confirmed') },
  offset: '41',
  timestamp: '0',
  attributes: 0,
} as unknown as KafkaMessage;

describe('deadLetterOf', () => {
  it('keeps key, value and headers as they came and says why and from where', () => {
    const letter = deadLetterOf({ topic: 'order.events', partition: 2, message }, 'not-json', 'x');
    assert.equal(letter.key, message.key);
    assert.equal(letter.value, message.value);
    assert.deepEqual(headersAsText(letter.headers), {
      id: 'e-1',
      eventType: 'order.confirmed',
      'dead-letter-reason': 'not-json',
      'dead-letter-detail': 'x',
      'source-topic': 'order.events',
      'source-partition': '2',
      'source-offset': '41',
    });
  });

  it('leaves out headers without a value, which the producer could not send', () => {
    const withNull = {
      ...message,
      headers: { ...message.headers, traceparent: null },
    } as unknown as KafkaMessage;
    const letter = deadLetterOf(
      { topic: 'order.events', partition: 0, message: withNull },
      'not-json',
      'x',
    );
    assert.equal('traceparent' in (letter.headers ?? {}), false);
    assert.equal(headersAsText(letter.headers)['id'], 'e-1');
  });
});
