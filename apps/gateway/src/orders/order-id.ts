import { createHash, randomUUID } from 'node:crypto';

/**
 * The id of the order a request places. With an Idempotency-Key it is derived from the
 * customer and the key, so a retry after a lost or timed-out answer names the same order and
 * the order service places it once; without one, every request is a new order. The hash is
 * laid out as an RFC 9562 version 8 (custom) UUID.
 */
export function orderIdFor(customerId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  const bytes = createHash('sha256').update(`order:${customerId}:${idempotencyKey}`).digest();
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
