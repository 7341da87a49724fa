import { appUrl, managementPortOf } from '@orchard/stack';

/** An app's Prometheus exposition, from its management port (its usual port given). */
export async function scrapeMetrics(appPort: number): Promise<string> {
  const response = await fetch(`${appUrl(managementPortOf(appPort))}/metrics`, {
    signal: AbortSignal.timeout(5_000),
  });
  return response.text();
}

/** The sum of every series of `metric` whose labels include `labels`, in an exposition. */
export function seriesSum(
  exposition: string,
  metric: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .filter((line) => wanted.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}
