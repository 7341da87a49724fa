import type { OrchardEvent } from './registry';

/**
 * A realistic example of each contract's data, as the services emit it today, and a broken
 * variant that must be refused. Specs check every contract against these, so a new contract
 * without an example fails its spec.
 */
const orderId = '0b9f8a52-0c3e-4b8e-9f0a-6f2d7e1c5a10';
const customerId = '5b0c4a0e-6f6e-4c2b-9a51-8d6f2f9a1c01';
const shipmentId = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const parcelId = '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const line = { sku: 'TEA-001', quantity: 2, unitPriceCents: 450, warehouse: 'north' };

/** `type@version` of every contract: the record below must have an entry for each. */
type ContractKey = OrchardEvent extends infer E
  ? E extends { type: infer T extends string; version: infer V extends number }
    ? `${T}@${V}`
    : never
  : never;

export const eventExamples: Record<ContractKey, { valid: object; broken: object }> = {
  'order.placed@1': {
    valid: { orderId, customerId, items: [{ sku: 'TEA-001', quantity: 2 }] },
    broken: { orderId, customerId, items: [] },
  },
  'order.confirmed@1': {
    valid: {
      orderId,
      status: 'CONFIRMED',
      previousStatus: 'PENDING',
      reason: null,
      totalCents: 900,
      lines: [line],
    },
    broken: {
      orderId,
      status: 'CONFIRMED',
      previousStatus: 'PENDING',
      reason: null,
      totalCents: 9.5,
      lines: [line],
    },
  },
  'order.rejected@1': {
    valid: {
      orderId,
      status: 'REJECTED',
      previousStatus: 'PENDING',
      reason: 'TEA-001: 3 requested, 1 available',
    },
    broken: { orderId, status: 'CANCELLED', previousStatus: 'PENDING', reason: 'x' },
  },
  'order.cancelled@1': {
    valid: {
      orderId,
      status: 'CANCELLED',
      previousStatus: 'CONFIRMED',
      reason: 'cancelled by the customer',
    },
    broken: { orderId, status: 'CANCELLED', previousStatus: 'SHIPPED', reason: 'too late' },
  },
  'order.failed@1': {
    valid: {
      orderId,
      status: 'FAILED',
      previousStatus: 'PENDING',
      reason: 'authorizing payment: value out of range for type integer',
    },
    broken: { orderId, status: 'FAILED', previousStatus: 'CONFIRMED', reason: 'late' },
  },
  'order.shipped@1': {
    valid: { orderId, status: 'SHIPPED', previousStatus: 'CONFIRMED', reason: null },
    broken: { orderId, status: 'SHIPPED', previousStatus: 'PENDING', reason: null },
  },
  'order.delivered@1': {
    valid: { orderId, status: 'DELIVERED', previousStatus: 'SHIPPED', reason: null },
    broken: { orderId, status: 'DELIVERED', previousStatus: 'SHIPPED', reason: 'late' },
  },
  'payment.authorized@1': {
    valid: { customerId, amountCents: 900, orderId },
    broken: { customerId, orderId },
  },
  'payment.declined@1': {
    valid: { customerId, amountCents: 900, orderId, reason: '500 cents available, 900 needed' },
    broken: { customerId, amountCents: 900, orderId },
  },
  'payment.captured@1': {
    valid: { customerId, amountCents: 900, orderId },
    broken: { customerId, amountCents: 0, orderId },
  },
  'payment.voided@1': {
    valid: { customerId, amountCents: 900, orderId },
    broken: { customerId: 'customer-1', amountCents: 900, orderId },
  },
  'payment.refunded@1': {
    valid: { customerId, amountCents: 900, orderId },
    broken: { customerId, amountCents: '900', orderId },
  },
  'account.opened@1': {
    valid: { customerId },
    broken: {},
  },
  'alert.raised@1': {
    valid: {
      alertId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      kind: 'rejection-rate',
      windowStart: '2026-05-04T10:00:00.000Z',
      windowEnd: '2026-05-04T10:05:00.000Z',
      rate: 0.6,
      threshold: 0.5,
      decisions: 20,
      rejections: 12,
    },
    broken: { alertId: 'not-an-id', kind: 'rejection-rate', rate: 1.5 },
  },
  'funds.deposited@1': {
    valid: { customerId, amountCents: 5_000 },
    broken: { customerId, amountCents: -5 },
  },
  'product.upserted@1': {
    valid: {
      sku: 'TEA-001',
      name: 'Sencha',
      priceCents: 450,
      warehouse: 'north',
      lowStockThreshold: 5,
    },
    broken: { sku: 'TEA-001', name: 'Sencha', priceCents: 450, warehouse: 'north' },
  },
  'stock.adjusted@1': {
    valid: { sku: 'TEA-001', delta: -2, reason: 'broken', onHand: 10 },
    broken: { sku: 'TEA-001', delta: -2, reason: 'broken', onHand: -1 },
  },
  'stock.low@1': {
    valid: { sku: 'TEA-001', onHand: 3, threshold: 5 },
    broken: { sku: '', onHand: 3, threshold: 5 },
  },
  'stock.reserved@1': {
    valid: { orderId, lines: [line], totalCents: 900 },
    broken: { orderId, lines: [{ ...line, quantity: 0 }], totalCents: 0 },
  },
  'stock.released@1': {
    valid: { orderId, lines: [{ sku: 'TEA-001', quantity: 2 }] },
    broken: { orderId, lines: [{ sku: 'TEA-001' }] },
  },
  'stock.committed@1': {
    valid: { orderId, lines: [{ sku: 'TEA-001', quantity: 2 }] },
    broken: { orderId: 'not-an-order-id', lines: [{ sku: 'TEA-001', quantity: 2 }] },
  },
  'shipment.created@1': {
    valid: {
      orderId,
      shipmentId,
      parcels: [
        {
          parcelId,
          warehouse: 'north',
          items: [{ sku: 'TEA-001', quantity: 2 }],
        },
      ],
    },
    broken: { orderId, shipmentId, parcels: [] },
  },
  'shipment.cancelled@1': {
    valid: { orderId },
    broken: { orderId: 42 },
  },
  'shipment.dispatched@1': {
    valid: {
      orderId,
      shipmentId,
      parcelId,
      warehouse: 'north',
      items: [{ sku: 'TEA-001', quantity: 2 }],
    },
    broken: { orderId, shipmentId, parcelId, warehouse: 'north', items: [] },
  },
  'shipment.delivered@1': {
    valid: { orderId, shipmentId, parcelId },
    broken: { orderId, shipmentId },
  },
};
