import type { CallerPolicy } from '@orchard/platform/service-auth';

/** Only the gateway reads the views. */
export const readModelCallers: CallerPolicy = {
  gateway: ['GET /orders/:id', 'GET /customers/:id/orders', 'GET /products', 'GET /products/:sku'],
};
