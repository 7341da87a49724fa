import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidServiceCredential, signServiceCredential } from './service-credential';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('service credential', () => {
  it('accepts what the same secret signed, within a minute', () => {
    const now = 1_800_000_000_000;
    const credential = signServiceCredential(secret, now);
    assert.equal(isValidServiceCredential(secret, credential, now + 59_000), true);
  });

  it('refuses another secret, an expired or future credential, and junk', () => {
    const now = 1_800_000_000_000;
    const credential = signServiceCredential(secret, now);
    assert.equal(isValidServiceCredential(`${secret}x`, credential, now), false);
    assert.equal(isValidServiceCredential(secret, credential, now + 61_000), false);
    assert.equal(isValidServiceCredential(secret, credential, now - 61_000), false);
    for (const junk of [undefined, '', 'v1', 'v1..', 'v2.1.x', `${credential}.x`, 'v1.NaN.abc'])
      assert.equal(isValidServiceCredential(secret, junk, now), false, String(junk));
  });

  it('refuses a signature taken from another moment', () => {
    const [, , stolen] = signServiceCredential(secret, 1).split('.');
    assert.equal(isValidServiceCredential(secret, `v1.2.${stolen}`, 2), false);
  });
});
