import type { CallerPolicy } from '@orchard/platform/service-auth';

/** Only the gateway reads shipments (for an order's details). */
export const shippingCallers: CallerPolicy = {
  gateway: ['GET /shipments/:orderId'],
};
