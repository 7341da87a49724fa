import { scaledApps } from '@orchard/stack';
import { scrapeMetrics, seriesSum } from '../metrics-scrape';

/** The work one instance did: events its consumer group gave it, activities its task queue gave it. */
export interface InstanceWork {
  instance: string;
  app: string;
  events: number;
  activities: number;
}

/** Each app instance's counters now, read from its own /metrics (not through HAProxy). */
export async function workCounters(): Promise<InstanceWork[]> {
  return Promise.all(
    scaledApps().map(async (app) => {
      const text = await scrapeMetrics(app.port);
      return {
        instance: app.name,
        app: app.instanceOf ?? app.name,
        events: seriesSum(text, 'orchard_events_processed_total'),
        activities: seriesSum(text, 'orchard_activities_total'),
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
