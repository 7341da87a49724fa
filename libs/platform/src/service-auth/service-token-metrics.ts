import { Counter } from 'prom-client';

const refusals = new Counter({
  name: 'orchard_service_token_refusals_total',
  help: 'Requests a service refused for their service token, by reason (a closed set).',
  labelNames: ['reason'] as const,
});

export const recordTokenRefusal = (reason: string): void => refusals.inc({ reason });

const localReplayChecks = new Counter({
  name: 'orchard_service_token_local_replay_checks_total',
  help: 'Tokens whose replay was checked by this instance alone, while Redis was unreachable.',
});

export const recordLocalReplayCheck = (): void => localReplayChecks.inc();
