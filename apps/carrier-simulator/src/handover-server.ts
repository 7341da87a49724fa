import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { carrierHandoverPath, ParcelHandover } from '@orchard/contracts';
import { problem, problemContentType } from '@orchard/platform/http';
import { SignatureRefused, signedHeadersOf, verifyMessage } from '@orchard/platform/webhooks';
import type { Journeys } from './journeys/journeys';

/**
 * The carrier's API for its shipper, the shop: `POST /parcels` takes parcels over. The shop
 * signs each handover with the secret the two share; anything else is refused.
 */
export function handoverServer(
  journeys: Journeys,
  secret: string,
  logger: Logger,
): FastifyInstance {
  // Fastify's own request log stays off: a handover every half second is no news.
  const app = Fastify({ bodyLimit: 64 * 1024 });
  // The signature covers the body's bytes as sent, so the body is kept as a string.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.post(carrierHandoverPath, async (request, reply) => {
    const refuse = (status: number, slug: string, detail: string) =>
      reply
        .code(status)
        .type(problemContentType)
        .send(problem(status, slug, detail));
    const body = typeof request.body === 'string' ? request.body : '';
    try {
      verifyMessage(secret, signedHeadersOf(request.headers), body);
    } catch (error) {
      if (!(error instanceof SignatureRefused)) throw error;
      logger.warn({ reason: error.reason }, 'refused a handover');
      return refuse(
        401,
        'signature-refused',
        `The handover's signature is refused: ${error.reason}.`,
      );
    }
    let parsed;
    try {
      parsed = ParcelHandover.safeParse(JSON.parse(body));
    } catch {
      return refuse(400, 'invalid-json', 'The handover is not JSON.');
    }
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.length }, 'refused a malformed handover');
      return refuse(422, 'invalid-handover', 'The body is not a handover of parcels.');
    }
    const started = journeys.takeOver(parsed.data.parcels.map((p) => p.parcelId));
    return reply.code(202).send({ received: parsed.data.parcels.length, started });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(problemContentType)
      .send(problem(404, 'not-found', `No route ${request.method} ${request.url}.`)),
  );
  return app;
}

/** Probes, on the management port as for the shop's apps. */
export function probeServer(journeys: Journeys): FastifyInstance {
  const app = Fastify();
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async () => ({ status: 'ok', inTransit: journeys.inTransit }));
  return app;
}
