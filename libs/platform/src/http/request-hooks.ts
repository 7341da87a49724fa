import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { recordHttpRequest } from '../metrics/http-metrics';
import { isProbeRoute } from './probe-paths';
import { activeTraceId, traceIdHeader } from '../telemetry/trace-id';

/**
 * Per-request hooks every app shares: the response names its trace (to find it in Jaeger),
 * and each request served is counted in the HTTP metrics. Probes and scrapes are left out.
 */
export function installRequestHooks(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (_request, reply) => {
    const traceId = activeTraceId();
    if (traceId) void reply.header(traceIdHeader, traceId);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (isProbeRoute(request)) return;
    recordHttpRequest(
      request.method,
      request.routeOptions.url,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
}
