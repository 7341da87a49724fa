/**
 * The platform's own endpoints: liveness and readiness probes and the Prometheus scrape. They
 * are not the app's traffic: never traced, logged, counted, or behind a session or the
 * service credential.
 */
export function isProbePath(url: string): boolean {
  return /^\/(health|metrics)(\/|$)/.test(url);
}
