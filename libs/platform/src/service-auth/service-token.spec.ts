import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { jose } from './jose';
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
  let gatewayKey: Awaited<ReturnType<typeof importSigningKey>>;

  before(async () => {
    const gateway = await generateServiceKey('gateway');
    const impostor = await generateServiceKey('gateway');
    gatewayKey = await importSigningKey(gateway.signingKey);
    issuer = new ServiceTokenIssuer('gateway', gatewayKey);
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

  it('says what it is, who signed it, and lives ten seconds, accepted five more for clock skew', async () => {
    const { decodeJwt, decodeProtectedHeader } = await jose();
    const token = await issuer.issue('payment-service', request);
    assert.deepEqual(decodeProtectedHeader(token), {
      alg: 'EdDSA',
      kid: 'gateway',
      typ: 'orchard-service+jwt',
    });
    const claims = decodeJwt(token);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 10);
    const verified = await verifyServiceToken(token, 'payment-service', trusted, request);
    assert.equal(verified.id, claims.jti);
    assert.equal(verified.acceptedUntil, ((claims.exp ?? 0) + 5) * 1000);
    const another = decodeJwt(await issuer.issue('payment-service', request));
    assert.notEqual(another.jti, claims.jti, 'one id per token, for the replay guard');
  });

  /** A token signed with the gateway's own key, with claims or header changed. */
  async function forged(
    claims: Record<string, unknown>,
    header: Record<string, unknown> = {},
  ): Promise<string> {
    const { SignJWT } = await jose();
    const now = Math.floor(Date.now() / 1000);
    const payload = Object.fromEntries(
      Object.entries({
        htm: request.method,
        htu: request.path,
        bdh: request.bodyDigest,
        iss: 'gateway',
        aud: 'payment-service',
        jti: randomUUID(),
        iat: now,
        exp: now + 10,
        ...claims,
      }).filter(([, value]) => value !== undefined),
    );
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'gateway', typ: 'orchard-service+jwt', ...header })
      .sign(gatewayKey);
  }

  it('is refused, though signed by a trusted key, when a claim or its type is not what a service token has', async () => {
    const verdict = async (claims: Record<string, unknown>, header?: Record<string, unknown>) =>
      refusal(
        verifyServiceToken(await forged(claims, header), 'payment-service', trusted, request),
      );
    assert.equal(await verdict({}), 'accepted', 'the forgery itself is well made');
    assert.equal(await verdict({ exp: undefined }), 'malformed');
    assert.equal(await verdict({ aud: undefined }), 'malformed');
    assert.equal(await verdict({ jti: undefined }), 'malformed');
    assert.equal(await verdict({ bdh: undefined }), 'malformed');
    assert.equal(await verdict({}, { typ: 'JWT' }), 'malformed');
    assert.equal(await verdict({ iss: 'order-service' }), 'unknown-caller');
    assert.equal(await verdict({}, { kid: 'mallory' }), 'unknown-caller');
  });
});
