import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { problem, problemContentType } from '@orchard/platform/http';
import type { FastifyRequest } from 'fastify';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request comes from another site's page, if it does. Browsers say where
 * a request comes from (Fetch Metadata's Sec-Fetch-Site, and Origin on every POST); a page of
 * this origin, or a person typing a URL, is `same-origin` or `none`. Clients that are not
 * browsers send neither header and are not affected.
 */
export function crossSiteReason(request: FastifyRequest): string | undefined {
  if (safeMethods.has(request.method)) return undefined;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return `a ${String(site)} request may not change anything here`;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}`)
    return `a request from ${origin} may not change anything here`;
  return undefined;
}

/**
 * Cross-site request forgery is refused twice over: the session cookie is SameSite=Lax, so a
 * browser does not attach it to another site's POST, and a state-changing request that a
 * browser marks as coming from another site is refused here with 403 before any route runs.
 */
export function refuseCrossSiteRequests(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const reason = crossSiteReason(request);
      if (!reason) return done();
      void reply
        .code(403)
        .type(problemContentType)
        .send(problem(403, 'cross-site-request', reason));
    });
}
