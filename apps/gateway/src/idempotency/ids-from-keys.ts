import { createHash, randomUUID } from 'node:crypto';

/**
 * The id of what a keyed request creates. With an Idempotency-Key it is derived from the
 * purpose, the customer and the key, so a retry after a lost or timed-out answer (or after
 * this gateway died mid-request) names the same order or deposit, and the owning service
 * creates it once; without one, every request is new. The hash is laid out as an RFC 9562
 * version 8 (custom) UUID.
 */
function idFromKey(purpose: string, customerId: string, key: string | undefined): string {
  if (key === undefined) return randomUUID();
  const bytes = createHash('sha256').update(`${purpose}:${customerId}:${key}`).digest();
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const orderIdFor = (customerId: string, key: string | undefined): string =>
  idFromKey('order', customerId, key);

/** Per wallet and per caller: the same key from the owner and from an administrator are two deposits. */
export const depositIdFor = (
  walletOwnerId: string,
  callerId: string,
  key: string | undefined,
): string => idFromKey(`deposit:${callerId}`, walletOwnerId, key);
