import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { urls } from '../topology';

describe('Kafka (KRaft)', () => {
  it('delivers a produced message, with key and headers, to a consumer group', async () => {
    const kafka = new Kafka({
      clientId: 'kafka-probe',
      brokers: [urls.kafkaBrokers],
      logLevel: logLevel.ERROR,
    });
    const topic = `probe.${randomUUID()}`;
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `probe-${randomUUID()}` });
    await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<{ key: string; value: string; header: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              header: message.headers?.['trace']?.toString() ?? '',
            }),
        });
      });
      await producer.send({
        topic,
        messages: [{ key: 'order-1', value: '{"hello":"kafka"}', headers: { trace: 't-1' } }],
      });
      assert.deepEqual(await received, {
        key: 'order-1',
        value: '{"hello":"kafka"}',
        header: 't-1',
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await Promise.all([producer.disconnect(), admin.disconnect()]);
    }
  });
});
