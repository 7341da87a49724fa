import type { CallerPolicy } from '@orchard/platform/service-auth';

/** The gateway commands orders; an operator's consistency checks read them. */
export const orderCallers: CallerPolicy = {
  gateway: [
    'POST /orders',
    'GET /orders/:id',
    'GET /orders/:id/saga',
    'POST /orders/:id/cancel',
    'POST /orders/:id/compensations/retry',
    'GET /stuck-compensations',
  ],
  operator: ['GET /orders/:id'],
};
