import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { assertAcceptablePassword } from './password-policy';

const email = 'ada@example.test';
const refused = (password: string, replacing?: string) =>
  assert.throws(
    () => assertAcceptablePassword(password, { email, replacing }),
    (error: Error & { problemType?: string }) => error.problemType === 'weak-password',
    JSON.stringify(password),
  );

describe('the password policy', () => {
  it('refuses what an attacker tries first, however long', () => {
    for (const password of [
      ' '.repeat(12),
      'aaaaaaaaaaaa',
      'password1234',
      'qwertyuiop12',
      'trustno1trustno1',
      '123456789012',
      'ada@example.test',
    ])
      refused(password);
  });

  it('refuses control characters, and a new password equal to the old', () => {
    refused('\u0000'.repeat(12));
    refused(`correct horse\u0007battery`);
    refused('ada-lovelace-1815', 'ada-lovelace-1815');
  });

  it('accepts long passphrases and generated passwords, with no composition rules', () => {
    for (const password of [
      'ada-lovelace-1815',
      'correct horse battery staple',
      `pw-${randomUUID()}`,
      'ein grüner Apfelbaum',
    ])
      assert.doesNotThrow(() => assertAcceptablePassword(password, { email }), password);
    assert.doesNotThrow(() =>
      assertAcceptablePassword('grace-hopper-1906', { email, replacing: 'ada-lovelace-1815' }),
    );
  });
});
