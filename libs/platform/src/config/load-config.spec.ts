import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError, kafkaEnvironment, loadConfig } from './load-config';

describe('kafkaEnvironment', () => {
  it('reads KAFKA_BROKERS as a list of host:port', () => {
    const config = loadConfig(kafkaEnvironment, { KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092' });
    assert.deepEqual(config.KAFKA_BROKERS, ['127.0.0.1:9092', 'kafka-2:9092']);
  });

  it('fails the start naming KAFKA_BROKERS when it is missing or malformed', () => {
    for (const env of [{}, { KAFKA_BROKERS: '' }, { KAFKA_BROKERS: 'localhost' }]) {
      assert.throws(
        () => loadConfig(kafkaEnvironment, env),
        (error: unknown) =>
          error instanceof ConfigurationError && /KAFKA_BROKERS/.test(error.message),
      );
    }
  });
});
