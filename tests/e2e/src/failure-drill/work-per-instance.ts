import { host, managementPortOf, scaledApps } from '@orchard/stack';

/** The work one instance did: events its consumer group gave it, activities its task queue gave it. */
export interface InstanceWork {
  instance: string;
  app: string;
  events: number;
  activities: number;
}

/** The sum of every series of `metric` in a Prometheus text exposition. */
function total(exposition: string, metric: string): number {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** Each app instance's counters now, read from its own /metrics (not through HAProxy). */
export async function workCounters(): Promise<InstanceWork[]> {
  return Promise.all(
    scaledApps().map(async (app) => {
      const response = await fetch(`http://${host}:${managementPortOf(app.port)}/metrics`, {
        signal: AbortSignal.timeout(5_000),
      });
      const text = await response.text();
      return {
        instance: app.name,
        app: app.instanceOf ?? app.name,
        events: total(text, 'orchard_events_processed_total'),
        activities: total(text, 'orchard_activities_total'),
      };
    }),
  );
}

/** What each instance did between two readings. */
export function workBetween(before: InstanceWork[], after: InstanceWork[]): InstanceWork[] {
  return after.map((now) => {
    const then = before.find((b) => b.instance === now.instance);
    return {
      ...now,
      events: now.events - (then?.events ?? 0),
      activities: now.activities - (then?.activities ?? 0),
    };
  });
}
