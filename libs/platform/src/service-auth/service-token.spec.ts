import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { bodyDigest } from './request-binding';
import { generateServiceKey, importPublicKey, importSigningKey } from './service-keys';
import { ServiceTokenIssuer, TokenRefused, verifyServiceToken } from './service-token';

type Trusted = Parameters<typeof verifyServiceToken>[2];

describe('service tokens', () => {
  const request = {
    method: 'POST',
    path: '/accounts/a/deposits',
    bodyDigest: bodyDigest('{"amountCents":1}'),
  };
  let issuer: ServiceTokenIssuer;
  let trusted: Trusted;
  let stranger: Trusted;

  before(async () => {
    const gateway = await generateServiceKey('gateway');
    const impostor = await generateServiceKey('gateway');
    issuer = new ServiceTokenIssuer('gateway', await importSigningKey(gateway.signingKey));
    trusted = new Map([['gateway', await importPublicKey(gateway.publicKey)]]);
    stranger = new Map([['gateway', await importPublicKey(impostor.publicKey)]]);
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof TokenRefused ? error.reason : String(error)),
    );

  it('is accepted by its service for its request, naming its caller and body digest', async () => {
    const token = await issuer.issue('payment-service', request);
    const verified = await verifyServiceToken(token, 'payment-service', trusted, request);
    assert.equal(verified.caller, 'gateway');
    assert.equal(verified.bodyDigest, request.bodyDigest);
  });

  it('is refused by another service, for another method or path, or when unsigned by the caller', async () => {
    const token = await issuer.issue('payment-service', request);
    assert.equal(
      await refusal(verifyServiceToken(token, 'order-service', trusted, request)),
      'wrong-audience',
    );
    const otherPath = { ...request, path: '/accounts/b/deposits' };
    assert.equal(
      await refusal(verifyServiceToken(token, 'payment-service', trusted, otherPath)),
      'wrong-request',
    );
    const otherMethod = { ...request, method: 'GET' };
    assert.equal(
      await refusal(verifyServiceToken(token, 'payment-service', trusted, otherMethod)),
      'wrong-request',
    );
    assert.equal(
      await refusal(verifyServiceToken(token, 'payment-service', stranger, request)),
      'bad-signature',
    );
    assert.equal(
      await refusal(verifyServiceToken(undefined, 'payment-service', trusted, request)),
      'missing',
    );
    assert.equal(
      await refusal(verifyServiceToken('v1.1.x', 'payment-service', trusted, request)),
      'malformed',
    );
  });

  it('is refused once its few seconds are over, and before they begin', async () => {
    const token = await issuer.issue('payment-service', request);
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000);
    assert.equal(
      await refusal(verifyServiceToken(token, 'payment-service', trusted, request, at(14))),
      'accepted',
    );
    assert.equal(
      await refusal(verifyServiceToken(token, 'payment-service', trusted, request, at(16))),
      'expired',
    );
    assert.equal(
      await refusal(verifyServiceToken(token, 'payment-service', trusted, request, at(-6))),
      'expired',
    );
  });
});
