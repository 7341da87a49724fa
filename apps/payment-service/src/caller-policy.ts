import type { CallerPolicy } from '@orchard/platform/service-auth';

/** Only the gateway opens wallets, takes deposits and reads them (for their owner). */
export const paymentCallers: CallerPolicy = {
  gateway: [
    'PUT /accounts/:customerId',
    'POST /accounts/:customerId/deposits',
    'GET /accounts/:customerId',
    'GET /payments/:orderId',
  ],
};
