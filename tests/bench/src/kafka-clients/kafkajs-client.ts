import { Kafka, logLevel } from 'kafkajs';
import type { ClientUnderTest } from './client-under-test';

/** kafkajs 2.2.4, as EventConsumer configures it. */
export function kafkajsClient(brokers: string[]): ClientUnderTest {
  return {
    name: 'kafkajs 2.2.4',
    async consume(topic, groupId, handle) {
      const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.ERROR });
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const joined = new Promise<void>((resolve) =>
        consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
      );
      await consumer.run({
        eachMessage: async ({ partition, message }) =>
          handle({
            key: message.key?.toString() ?? '',
            value: message.value ?? Buffer.alloc(0),
            partition,
          }),
      });
      await joined;
      return () => consumer.disconnect();
    },
  };
}
