import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret in Standard Webhooks' form: `whsec_` and 24 random bytes, base64. */
export const newSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** The headers of one signed delivery attempt (Standard Webhooks). */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs `body` as message `id` at `at`: an HMAC-SHA256 over id, timestamp and body, with each
 * secret still in force (the current one, and the previous one for a while after a rotation).
 * A receiver checks any signature against its secret, and deduplicates on `webhook-id`.
 */
export function signDelivery(
  id: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' '),
  };
}
