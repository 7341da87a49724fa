import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KafkaJSConnectionError, KafkaJSNonRetriableError } from 'kafkajs';
import { isBrokerOutage } from './broker-outage';

describe('a consumer crash from a broker outage', () => {
  it('is told apart by name or by the words kafkajs wraps it in', () => {
    // What a read model's consumer crashed with while every broker was stopped.
    const coordinator = new KafkaJSNonRetriableError(new Error('Failed to find group coordinator'));
    assert.equal(isBrokerOutage(coordinator), true);
    assert.equal(
      isBrokerOutage(new KafkaJSConnectionError('connect ECONNREFUSED 127.0.0.1:9192')),
      true,
    );
    assert.equal(
      isBrokerOutage(
        Object.assign(new Error('wrapped'), { cause: new KafkaJSConnectionError('x') }),
      ),
      true,
    );
  });

  it('is not a bug in the consumer or its handler', () => {
    assert.equal(
      isBrokerOutage(new TypeError("Cannot read properties of undefined (reading 'id')")),
      false,
    );
    assert.equal(
      isBrokerOutage(new KafkaJSNonRetriableError(new Error('Invalid message format'))),
      false,
    );
    assert.equal(isBrokerOutage('a string'), false);
  });
});
