import type { CallerPolicy } from '@orchard/platform/service-auth';

/** The gateway reads the catalog and lets administrators change it; operators read stock. */
export const inventoryCallers: CallerPolicy = {
  gateway: [
    'GET /products',
    'GET /products/:sku',
    'PUT /products/:sku',
    'POST /products/:sku/stock-adjustments',
    'GET /reservations/:orderId',
    'GET /stock-levels',
  ],
  operator: ['GET /products/:sku'],
};
