import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { environmentVariableNames, loadConfig } from '@orchard/platform/config';
import { apps, generateSecrets, resolveSecrets } from '@orchard/stack';
import { readModelEnvironment, rebuildEnvironment } from './config';

const registered = apps.find((app) => app.name === 'read-model-service');

describe('the read-model service configuration', () => {
  it('reads exactly the variables the stack gives it: Temporal for its report worker, Kafka brokers', () => {
    assert.ok(registered, 'the stack runs read-model-service');
    assert.deepEqual(
      environmentVariableNames(readModelEnvironment).sort(),
      // OTEL_* are read by the OpenTelemetry SDK, before and apart from the app's schema.
      Object.keys(registered.env)
        .filter((name) => !name.startsWith('OTEL_'))
        .sort(),
    );
    // Its secrets as an environment would have them (made up here, none is written).
    const config = loadConfig(
      readModelEnvironment,
      resolveSecrets(registered.env, generateSecrets()),
    );
    assert.deepEqual(config.KAFKA_BROKERS, ['127.0.0.1:9092']);
  });

  it('lets the rebuild command start without a port', () => {
    const withoutPort = Object.entries(registered?.env ?? {}).filter(
      ([name]) => name !== 'PORT' && name !== 'HOST',
    );
    assert.doesNotThrow(() => loadConfig(rebuildEnvironment, Object.fromEntries(withoutPort)));
  });
});
