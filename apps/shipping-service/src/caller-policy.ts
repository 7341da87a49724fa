import type { CallerPolicy } from '@orchard/platform/service-auth';

/** The gateway reads shipments (an order's details) and passes on the carrier's webhook calls. */
export const shippingCallers: CallerPolicy = {
  gateway: ['GET /shipments/:orderId', 'POST /carrier/updates'],
};
