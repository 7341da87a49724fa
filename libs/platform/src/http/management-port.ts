import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isProbeRoute } from './probe-paths';
import { problem, problemContentType } from './problem-details';

/**
 * Probes and the Prometheus scrape on a port of their own, for the platform only (kubelet,
 * HAProxy's checks, Prometheus): the public port never answers them, so their counts and
 * dependency checks are neither readable nor a way to load the databases from outside, and the
 * management port answers nothing else. Same app, same routes: its requests go to Fastify's
 * router. Call before listening; `listen` once the app listens.
 */
export function serveManagementPort(
  app: NestFastifyApplication,
  port: number,
): { listen(host: string): Promise<void> } {
  const fastify = app.getHttpAdapter().getInstance();
  const server: Server = createServer((request, response) => fastify.routing(request, response));
  fastify.addHook('onRequest', async (request, reply) => {
    const onManagementPort = (request.socket.address() as AddressInfo).port === port;
    if (isProbeRoute(request) === onManagementPort) return;
    await reply.code(404).type(problemContentType).send(problem(404, 'not-found'));
  });
  fastify.addHook('onClose', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    listen: (host) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      }),
  };
}
