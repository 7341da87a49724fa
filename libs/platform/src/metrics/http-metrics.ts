import { Histogram } from 'prom-client';

/** Request rate, errors (by status code) and latency: one histogram holds all three. */
const requestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'HTTP requests served, by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export function recordHttpRequest(
  method: string,
  route: string | undefined,
  statusCode: number,
  seconds: number,
): void {
  // The route template, never the raw URL: ids in paths would make a series per request.
  requestDuration.observe(
    { method, route: route ?? 'unmatched', status_code: String(statusCode) },
    seconds,
  );
}
