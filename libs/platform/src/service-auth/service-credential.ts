import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header the gateway signs each call to a service with. */
export const serviceCredentialHeader = 'x-service-credential';

/** How long a signed credential is accepted: long enough for clock skew, short for replays. */
const maxAgeMs = 60_000;

const signature = (secret: string, issuedAt: string): string =>
  createHmac('sha256', secret)
    .update(`orchard-service-credential.v1.${issuedAt}`)
    .digest('base64url');

/**
 * A credential proving the caller knows the shared secret: `v1.<issued at>.<HMAC-SHA256>`. It
 * carries no identity beyond "the gateway", and expires, so a leaked header is soon useless.
 */
export function signServiceCredential(secret: string, now = Date.now()): string {
  const issuedAt = String(now);
  return `v1.${issuedAt}.${signature(secret, issuedAt)}`;
}

export function isValidServiceCredential(
  secret: string,
  credential: string | undefined,
  now = Date.now(),
): boolean {
  const [version, issuedAt, given, ...rest] = (credential ?? '').split('.');
  if (version !== 'v1' || !issuedAt || !given || rest.length > 0) return false;
  const age = now - Number(issuedAt);
  if (!Number.isSafeInteger(Number(issuedAt)) || Math.abs(age) > maxAgeMs) return false;
  const expected = Buffer.from(signature(secret, issuedAt));
  const presented = Buffer.from(given);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
