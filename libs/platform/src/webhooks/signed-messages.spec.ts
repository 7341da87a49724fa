import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  newSigningSecret,
  signedHeadersOf,
  signMessage,
  SignatureRefused,
  verifyMessage,
} from './signed-messages';

const body = '{"type":"order.confirmed","orderId":"o-1"}';

const refusalOf = (check: () => void): string => {
  try {
    check();
    return 'accepted';
  } catch (error) {
    assert.ok(error instanceof SignatureRefused, String(error));
    assert.equal(error.message, `webhook signature refused: ${error.reason}`);
    return error.reason;
  }
};

describe('signed webhook messages (Standard Webhooks)', () => {
  it('makes secrets of 24 random bytes, prefixed as the standard names them', () => {
    const secret = newSigningSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    assert.notEqual(newSigningSecret(), secret);
  });

  it('signs with every secret in force, and each verifies alone', () => {
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    const at = new Date();
    const headers = signMessage('msg-1', at, body, [current, previous]);
    assert.equal(headers['webhook-id'], 'msg-1');
    assert.equal(headers['webhook-timestamp'], String(Math.floor(at.getTime() / 1000)));
    const signatures = headers['webhook-signature'].split(' ');
    assert.equal(signatures.length, 2);
    for (const signature of signatures) assert.match(signature, /^v1,[A-Za-z0-9+/=]+$/);
    assert.equal(
      refusalOf(() => verifyMessage(current, headers, body)),
      'accepted',
    );
    assert.equal(
      refusalOf(() => verifyMessage(previous, headers, body)),
      'accepted',
    );
  });

  it('refuses another secret, a changed body, id or timestamp', () => {
    const secret = newSigningSecret();
    const at = new Date();
    const headers = signMessage('msg-2', at, body, [secret]);
    const refused = (check: () => void) => assert.equal(refusalOf(check), 'bad-signature');
    refused(() => verifyMessage(newSigningSecret(), headers, body));
    refused(() => verifyMessage(secret, headers, `${body} `));
    refused(() => verifyMessage(secret, { ...headers, 'webhook-id': 'msg-3' }, body));
    const earlier = String(Number(headers['webhook-timestamp']) - 1);
    refused(() => verifyMessage(secret, { ...headers, 'webhook-timestamp': earlier }, body));
  });

  it('refuses a message signed more than 5 minutes away from now, either way', () => {
    const secret = newSigningSecret();
    for (const offsetMs of [-6 * 60_000, 6 * 60_000]) {
      const headers = signMessage('msg-4', new Date(Date.now() + offsetMs), body, [secret]);
      assert.equal(
        refusalOf(() => verifyMessage(secret, headers, body)),
        'timestamp-out-of-tolerance',
      );
    }
    const recent = signMessage('msg-5', new Date(Date.now() - 4 * 60_000), body, [secret]);
    assert.equal(
      refusalOf(() => verifyMessage(secret, recent, body)),
      'accepted',
    );
  });

  it('reads the three headers of a request, a missing or repeated one as empty', () => {
    assert.deepEqual(
      signedHeadersOf({
        'webhook-id': 'msg-6',
        'webhook-timestamp': ['1', '2'],
        'content-type': 'application/json',
      }),
      { 'webhook-id': 'msg-6', 'webhook-timestamp': '', 'webhook-signature': '' },
    );
    const secret = newSigningSecret();
    const headers = signMessage('msg-7', new Date(), body, [secret]);
    assert.equal(
      refusalOf(() => verifyMessage(secret, signedHeadersOf({ ...headers }), body)),
      'accepted',
    );
    assert.equal(
      refusalOf(() => verifyMessage(secret, signedHeadersOf({}), body)),
      'bad-signature',
    );
  });
});
