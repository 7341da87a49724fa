import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { appPorts, appUrl, managementPortOf } from '@orchard/stack';
import {
  generateServiceKey,
  importSigningKey,
  ServiceTokenIssuer,
} from '@orchard/platform/service-auth';
import { GatewayProcess } from './gateway-process';
import { sendWithToken, tokenFor, type ServiceCall } from './service-calls';
import { customerWith } from './shop-client';

const payment = appUrl(appPorts.payment);
const order = appUrl(appPorts.order);

/** Status and problem type of a service's answer. */
async function answer(response: Response): Promise<string> {
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? ((await response.json()) as { type?: string }) : {};
  return `${response.status} ${body.type ?? ''}`.trim();
}

describe('service-to-service authentication', () => {
  it('serves a call signed by its caller for this service and request, once', async () => {
    const customerId = await customerWith(100);
    const read: ServiceCall = { method: 'GET', path: `/accounts/${customerId}` };
    const token = await tokenFor('gateway', 'payment-service', read);
    assert.equal((await sendWithToken(payment, read, token)).status, 200);
    assert.equal(
      await answer(await sendWithToken(payment, read, token)),
      '401 /problems/service-token-refused',
      'the same token a second time is a replay',
    );
  });

  it('refuses a token taken to another service, route, customer or body', async () => {
    const victim = await customerWith(100);
    const other = await customerWith(100);
    const read: ServiceCall = { method: 'GET', path: `/accounts/${victim}` };
    const captured = await tokenFor('gateway', 'payment-service', read);
    const elsewhere: ServiceCall = { method: 'GET', path: `/orders/${randomUUID()}` };
    assert.equal(
      await answer(await sendWithToken(order, elsewhere, captured)),
      '401 /problems/service-token-refused',
    );
    const otherWallet: ServiceCall = { method: 'GET', path: `/accounts/${other}` };
    assert.equal(
      await answer(await sendWithToken(payment, otherWallet, captured)),
      '401 /problems/service-token-refused',
    );

    const deposit: ServiceCall = {
      method: 'POST',
      path: `/accounts/${victim}/deposits`,
      body: JSON.stringify({ amountCents: 100, depositId: randomUUID() }),
    };
    const signed = await tokenFor('gateway', 'payment-service', deposit);
    const tampered = {
      ...deposit,
      body: JSON.stringify({ amountCents: 100_000_00, depositId: randomUUID() }),
    };
    assert.equal(
      await answer(await sendWithToken(payment, tampered, signed)),
      '401 /problems/service-token-refused',
    );
  });

  it('refuses no token, a key it does not trust, and a caller on a route not its own', async () => {
    const read: ServiceCall = { method: 'GET', path: `/accounts/${randomUUID()}` };
    assert.equal(
      await answer(await sendWithToken(payment, read)),
      '401 /problems/service-token-refused',
    );
    const impostor = await generateServiceKey('gateway');
    const forged = await new ServiceTokenIssuer(
      'gateway',
      await importSigningKey(impostor.signingKey),
    ).issue('payment-service', {
      method: read.method,
      path: read.path,
      bodyDigest: '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU',
    });
    assert.equal(
      await answer(await sendWithToken(payment, read, forged)),
      '401 /problems/service-token-refused',
    );
    // An operator's tools may read orders, never a wallet.
    const asOperator = await tokenFor('operator', 'payment-service', read);
    assert.equal(
      await answer(await sendWithToken(payment, read, asOperator)),
      '403 /problems/caller-not-allowed',
    );
    const orderRead: ServiceCall = { method: 'GET', path: `/orders/${randomUUID()}` };
    const operatorOrder = await tokenFor('operator', 'order-service', orderRead);
    assert.equal(
      (await sendWithToken(order, orderRead, operatorOrder)).status,
      404,
      'allowed, and no such order',
    );
    const probe = await fetch(`${appUrl(managementPortOf(appPorts.payment))}/health/ready`);
    assert.equal(probe.status, 200, 'probes need no token, on the management port');
    assert.equal((await fetch(`${payment}/health/ready`)).status, 404, 'and only there');
  });

  it('refuses to start with a secret published in the repository, unless in development mode', async () => {
    await assert.rejects(
      GatewayProcess.start({ ADMIN_PASSWORD: 'orchard-admin-password' }),
      /ADMIN_PASSWORD: a secret published in the repository/,
    );
    const development = await GatewayProcess.start({
      ADMIN_EMAIL: `dev-${randomUUID()}@orchard.test`,
      ADMIN_PASSWORD: 'orchard-admin-password',
      ORCHARD_DEVELOPMENT_MODE: 'true',
    });
    await development.stop();
  });
});
