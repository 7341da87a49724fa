import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Fastify's JSON parser, handing each body's text to `keep` before parsing it as Fastify would
 * (refusing `__proto__` and `constructor.prototype` keys): for what covers the bytes as they
 * arrived, a signature or a digest, which re-serialized JSON would not match.
 */
export function parseJsonKeepingText(
  fastify: FastifyInstance,
  keep: (request: FastifyRequest, text: string) => void,
): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    keep(request, body as string);
    parseJson(request, body as string, done);
  });
}
