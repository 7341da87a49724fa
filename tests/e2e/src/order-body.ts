import { address } from './shop-client';

/** A body POST /orders accepts, for tests that break one field at a time. */
export function validOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { items: [{ sku: 'TEA-001', quantity: 1 }], shippingAddress: address, ...overrides };
}
