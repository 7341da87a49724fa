import type { FastifyRequest } from 'fastify';

const probePath = /^\/(health|metrics)(\/|$)/;

/**
 * The platform's own endpoints: liveness and readiness probes and the Prometheus scrape. They
 * are not the app's traffic: never traced, logged, counted, or behind a session or the
 * service credential. Takes a route or a URL (its query ignored).
 */
export function isProbePath(url: string): boolean {
  return probePath.test(url.split('?', 1)[0] ?? '');
}

/**
 * Whether a request was routed to a probe: judged by the route Fastify's router matched, never
 * by the URL as sent, which spells the same route many ways (`/metrics?x`, `/%6detrics`). A
 * request no route matched is no probe.
 */
export function isProbeRoute(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route !== undefined && isProbePath(route);
}
