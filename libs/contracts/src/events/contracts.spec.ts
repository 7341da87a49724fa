import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventExamples } from './event-examples';
import { parseEvent } from './parse-event';
import { eventContracts, eventRegistry } from './registry';
import { eventTopics, topicOf } from './topics';

const envelopeOf = (contract: (typeof eventContracts)[number], data: object) => ({
  id: '9c1d6a0e-2f3b-4c5d-8e7f-1a2b3c4d5e6f',
  occurredAt: '2026-11-21T20:19:31.302Z',
  type: contract.type,
  version: contract.version,
  aggregateType: contract.aggregateType,
  aggregateId: 'aggregate-1',
  data,
});

describe('event contracts', () => {
  it('has one contract per type and version, under stable dotted past-tense names', () => {
    const registered = [...eventRegistry.values()].reduce((n, versions) => n + versions.size, 0);
    assert.equal(registered, eventContracts.length);
    for (const { type } of eventContracts) assert.match(type, /^[a-z]+\.[a-z]+$/);
  });

  it('has an example for every contract and nothing else', () => {
    assert.deepEqual(
      Object.keys(eventExamples).sort(),
      eventContracts.map((c) => `${c.type}@${c.version}`).sort(),
    );
  });

  for (const contract of eventContracts) {
    const key = `${contract.type}@${contract.version}` as keyof typeof eventExamples;
    describe(key, () => {
      it('accepts a realistic event', () => {
        const parsed = parseEvent(JSON.stringify(envelopeOf(contract, eventExamples[key].valid)));
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.detail);
        assert.deepEqual(parsed.event.data, eventExamples[key].valid);
      });

      it('refuses a broken one as data-invalid', () => {
        const parsed = parseEvent(envelopeOf(contract, eventExamples[key].broken));
        assert.equal(parsed.ok, false);
        assert.equal(!parsed.ok && parsed.reason, 'data-invalid');
      });
    });
  }
});

describe('topics', () => {
  it('names one topic per aggregate type', () => {
    assert.equal(topicOf('order'), 'order.events');
    assert.deepEqual(eventTopics, [
      'order.events',
      'payment.events',
      'wallet.events',
      'inventory.events',
      'shipment.events',
      'alert.events',
    ]);
    for (const contract of eventContracts)
      assert.ok(eventTopics.includes(topicOf(contract.aggregateType)));
  });
});
