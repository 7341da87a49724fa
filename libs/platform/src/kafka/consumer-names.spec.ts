import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerGroupId, deadLetterTopicOf } from './consumer-names';

describe('consumer names', () => {
  it('names a group <service>.<purpose> and its dead-letter topic after it', () => {
    const group = consumerGroupId('shipping-service', 'dispatch-on-confirm');
    assert.equal(group, 'shipping-service.dispatch-on-confirm');
    assert.equal(deadLetterTopicOf(group), 'dead-letter.shipping-service.dispatch-on-confirm');
  });

  it('refuses parts that would make the name ambiguous or unreadable', () => {
    assert.throws(() => consumerGroupId('shipping.service', 'dispatch'), /not a lower-case/);
    assert.throws(() => consumerGroupId('shipping-service', 'Dispatch'), /not a lower-case/);
    assert.throws(() => consumerGroupId('', 'dispatch'), /not a lower-case/);
  });
});
