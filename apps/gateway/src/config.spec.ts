import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '@orchard/platform/config';
import { gatewayEnvironment } from './config';

const required = {
  PORT: '3000',
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATABASE_URL: 'postgres://identity_app:identity_app@127.0.0.1:5441/identity',
  SERVICE_CREDENTIAL_SECRET: 'a-secret-of-at-least-thirty-two-characters',
  ORDER_SERVICE_URL: 'http://127.0.0.1:3001',
  PAYMENT_SERVICE_URL: 'http://127.0.0.1:3002',
  INVENTORY_SERVICE_URL: 'http://127.0.0.1:3003',
  SHIPPING_SERVICE_URL: 'http://127.0.0.1:3004',
  READ_MODEL_SERVICE_URL: 'http://127.0.0.1:3005',
};

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

  it('refuses a service credential secret shorter than 32 characters', () => {
    assert.throws(() =>
      loadConfig(gatewayEnvironment, { ...required, SERVICE_CREDENTIAL_SECRET: 'short' }),
    );
  });
});
