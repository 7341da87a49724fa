import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { UnprocessableError } from '@orchard/platform/http';

/**
 * zxcvbn's score 3: about 10⁸ guesses or more, "safely unguessable" against an offline attack
 * on slow hashes such as ours (argon2id). Below it are common and breached passwords,
 * repeats, sequences and keyboard walks, whatever their length.
 */
const minimumScore = 3;

/** C0 and C1 controls (NUL included): no one types them, and they hide in copies and logs. */
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

/** Common passwords and keyboard layouts only: the language lists would cost memory for little. */
const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

const weak = (reason: string) => new UnprocessableError(reason, 'weak-password');

/**
 * NIST SP 800-63B's rules for a new password, beyond its length (12 to 128, in the contract):
 * no composition rules, but not one an attacker tries early (a list of common and breached
 * passwords, patterns, and words of this context: the email, the shop's name), not made of
 * control characters, and not the password it replaces.
 */
export function assertAcceptablePassword(
  password: string,
  context: { email: string; replacing?: string },
): void {
  if (controlCharacter.test(password)) throw weak('a password cannot hold control characters');
  if (context.replacing !== undefined && password === context.replacing)
    throw weak('the new password must differ from the current one');
  const mailbox = context.email.split('@')[0] ?? '';
  const { score } = estimator.check(password, [context.email, mailbox, 'orchard']);
  if (score < minimumScore)
    throw weak(
      'this password is among those tried first by attackers; choose a longer or less common one',
    );
}
