import { Counter } from 'prom-client';

/**
 * The work each instance did: with several instances of an app, these show Kafka's consumer
 * groups and Temporal's task queues spreading it over them (each instance has its own /metrics).
 */
const eventsProcessed = new Counter({
  name: 'orchard_events_processed_total',
  help: 'Events a consumer group took from Kafka in this process, by outcome.',
  labelNames: ['group', 'outcome'] as const,
});

const activitiesRun = new Counter({
  name: 'orchard_activities_total',
  help: 'Saga activity attempts this process ran from its Temporal task queue, by outcome.',
  labelNames: ['activity', 'outcome'] as const,
});

export function recordEventProcessed(
  group: string,
  outcome: 'handled' | 'duplicate' | 'dead-lettered',
): void {
  eventsProcessed.inc({ group, outcome });
}

/** `activity` is the activity type: a name from the code, a closed set. */
export function recordActivity(activity: string, outcome: 'completed' | 'failed'): void {
  activitiesRun.inc({ activity, outcome });
}
