import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadConfig } from '@orchard/platform/config';
import { generateServiceKey } from '@orchard/platform/service-auth';
import { gatewayEnvironment } from './config';

let required: Record<string, string>;

before(async () => {
  const { signingKey } = await generateServiceKey('gateway');
  required = {
    PORT: '3000',
    MANAGEMENT_PORT: '4000',
    TRACE_INCOMING_CONTEXT: 'ignore',
    REDIS_URL: 'redis://gateway:a-generated-password@127.0.0.1:6379',
    DATABASE_URL: 'postgres://identity_app:identity_app@127.0.0.1:5441/identity',
    SERVICE_SIGNING_KEY: JSON.stringify(signingKey),
    ORDER_SERVICE_URL: 'http://127.0.0.1:3001',
    PAYMENT_SERVICE_URL: 'http://127.0.0.1:3002',
    INVENTORY_SERVICE_URL: 'http://127.0.0.1:3003',
    SHIPPING_SERVICE_URL: 'http://127.0.0.1:3004',
    READ_MODEL_SERVICE_URL: 'http://127.0.0.1:3005',
  };
});

const trustProxyOf = (value?: string) =>
  loadConfig(
    gatewayEnvironment,
    value === undefined ? required : { ...required, TRUST_PROXY: value },
  ).TRUST_PROXY;

describe('the gateway configuration', () => {
  it('trusts no proxy unless told, then all, a hop count or the listed addresses', () => {
    assert.equal(trustProxyOf(), false);
    assert.equal(trustProxyOf('false'), false);
    assert.equal(trustProxyOf('true'), true);
    assert.equal(trustProxyOf('1'), 1);
    assert.deepEqual(trustProxyOf('10.0.0.1, 10.0.0.0/8'), ['10.0.0.1', '10.0.0.0/8']);
  });

  it('refuses a signing key that is not an Ed25519 private key named for its caller', () => {
    const key = JSON.parse(required['SERVICE_SIGNING_KEY'] ?? '{}') as Record<string, string>;
    for (const bad of [
      'a-secret-of-at-least-thirty-two-characters',
      JSON.stringify({ ...key, d: 'short' }),
      JSON.stringify({ ...key, kid: 'someone' }),
      JSON.stringify({ ...key, d: undefined }),
    ])
      assert.throws(
        () => loadConfig(gatewayEnvironment, { ...required, SERVICE_SIGNING_KEY: bad }),
        /SERVICE_SIGNING_KEY/,
      );
  });

  it('refuses a Redis URL without its own user and password', () => {
    assert.throws(
      () => loadConfig(gatewayEnvironment, { ...required, REDIS_URL: 'redis://127.0.0.1:6379' }),
      /REDIS_URL/,
    );
  });

  it('refuses the published administrator password unless in development mode', () => {
    const published = {
      ...required,
      ADMIN_EMAIL: 'admin@example.test',
      ADMIN_PASSWORD: 'orchard-admin-password',
    };
    assert.throws(
      () => loadConfig(gatewayEnvironment, published),
      /ADMIN_PASSWORD: a secret published/,
    );
    const development = { ...published, ORCHARD_DEVELOPMENT_MODE: 'true' };
    assert.equal(
      loadConfig(gatewayEnvironment, development).ADMIN_PASSWORD,
      'orchard-admin-password',
    );
  });
});
