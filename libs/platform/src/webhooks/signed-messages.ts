import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** A new signing secret in Standard Webhooks' form: `whsec_` and 24 random bytes, base64. */
export const newSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** The headers of one signed message (Standard Webhooks). */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export const signedHeaderNames = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Signs `body` as message `id` at `at`: an HMAC-SHA256 over id, timestamp and body, with each
 * secret still in force (the current one, and the previous one for a while after a rotation).
 * A receiver checks any signature against its secret, and deduplicates on `webhook-id`.
 */
export function signMessage(
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

/** Why a message was refused: a closed set, fit for a metric label. */
export type SignatureRefusal = 'bad-signature' | 'timestamp-out-of-tolerance';

export class SignatureRefused extends Error {
  constructor(readonly reason: SignatureRefusal) {
    super(`webhook signature refused: ${reason}`);
  }
}

/**
 * Checks a message's signature over its body exactly as it arrived, and that it was signed
 * within 5 minutes of now either way (Standard Webhooks' tolerance): a replay older than that
 * is refused here, a newer one is caught by the receiver's deduplication on `webhook-id`.
 */
export function verifyMessage(secret: string, headers: SignedHeaders, body: string): void {
  try {
    new Webhook(secret).verify(body, { ...headers }, { jsonParse: false });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    throw new SignatureRefused(
      /timestamp too/i.test(error.message) ? 'timestamp-out-of-tolerance' : 'bad-signature',
    );
  }
}

/** The signature headers of a received request; one missing is empty, and fails verification. */
export function signedHeadersOf(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): SignedHeaders {
  const one = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    'webhook-id': one('webhook-id'),
    'webhook-timestamp': one('webhook-timestamp'),
    'webhook-signature': one('webhook-signature'),
  };
}
