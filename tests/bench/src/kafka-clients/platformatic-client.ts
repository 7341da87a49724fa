import type { ClientUnderTest } from './client-under-test';

/** @platformatic/kafka 2.12.1 (an ES module, loaded as one). */
export function platformaticClient(brokers: string[]): ClientUnderTest {
  return {
    name: '@platformatic/kafka 2.12.1',
    async consume(topic, groupId, handle) {
      const { Consumer } = await import('@platformatic/kafka');
      const consumer = new Consumer({
        groupId,
        clientId: groupId,
        bootstrapBrokers: brokers,
        maxWaitTime: 500,
      });
      const stream = await consumer.consume({
        topics: [topic],
        mode: 'committed',
        fallbackMode: 'earliest',
        autocommit: true,
      });
      const done = (async () => {
        for await (const message of stream) {
          handle({
            key: message.key?.toString() ?? '',
            value: message.value ?? Buffer.alloc(0),
            partition: message.partition,
          });
        }
      })();
      return async () => {
        await stream.close();
        await done.catch(() => undefined);
        await consumer.close();
      };
    },
  };
}
