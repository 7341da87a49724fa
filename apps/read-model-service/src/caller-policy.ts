import type { CallerPolicy } from '@orchard/platform/service-auth';

/** Only the gateway reads the views and the event pipeline's progress, and requests reports. */
export const readModelCallers: CallerPolicy = {
  gateway: [
    'GET /orders',
    'GET /orders/:id',
    'GET /customers/:id/orders',
    'GET /products',
    'GET /products/:sku',
    'GET /event-consumers',
    'POST /sales-reports',
    'GET /sales-reports/:id',
    'GET /shop-metrics',
    'POST /webhook-endpoints',
    'GET /webhook-endpoints',
    'GET /webhook-endpoints/:id',
    'POST /webhook-endpoints/:id/pause',
    'POST /webhook-endpoints/:id/resume',
    'POST /webhook-endpoints/:id/secret',
    'DELETE /webhook-endpoints/:id',
    'GET /webhook-endpoints/:id/deliveries',
    'GET /webhook-deliveries/dead',
    'POST /webhook-deliveries/:id/redeliver',
  ],
};
