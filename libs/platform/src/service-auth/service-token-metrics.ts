import { Counter } from 'prom-client';

const refusals = new Counter({
  name: 'orchard_service_token_refusals_total',
  help: 'Requests a service refused for their service token, by reason (a closed set).',
  labelNames: ['reason'] as const,
});

export const recordTokenRefusal = (reason: string): void => refusals.inc({ reason });
