import type { CallerPolicy } from '@orchard/platform/service-auth';

/** Only the gateway reads the views and the event pipeline's progress. */
export const readModelCallers: CallerPolicy = {
  gateway: [
    'GET /orders',
    'GET /orders/:id',
    'GET /customers/:id/orders',
    'GET /products',
    'GET /products/:sku',
    'GET /event-consumers',
  ],
};
