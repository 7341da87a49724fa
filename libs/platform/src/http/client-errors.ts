import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, problemContentType, type ProblemDetails } from './problem-details';

/**
 * Refusals by Fastify's router, in our words: its own messages echo the URL. (Its refusals of
 * a body, malformed JSON, too large, not JSON, reach the exception filter through Nest with
 * fixed messages.)
 */
const routerErrors: Record<string, { status: number; slug: string; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, slug: 'bad-request', detail: 'The URL is not validly encoded.' },
  // A path parameter longer than any valid value: bad input like any other, not a 414.
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 400,
    slug: 'bad-request',
    detail: 'A path parameter is too long.',
  },
};

/** The problem for a client error Fastify raised outside Nest, or undefined if it is not one. */
export function fastifyClientProblem(error: unknown): ProblemDetails | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  const known = typeof code === 'string' ? routerErrors[code] : undefined;
  if (known) return problem(known.status, known.slug, known.detail);
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return problem(statusCode, 'bad-request', 'The request cannot be served as sent.');
  return undefined;
}

/** Errors of the router, before any route or hook: a URL that cannot be decoded or is too long. */
export function answerFrameworkError(
  error: Error,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const body = fastifyClientProblem(error) ?? problem(500, 'internal-error');
  void reply.code(body.status).header('content-type', problemContentType).send(body);
}

/**
 * Requests Node's HTTP parser refuses (malformed, headers too large, too slow), answered on
 * the socket as problem details before it is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? problem(408, 'request-timeout', 'The request took too long to arrive.')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? problem(431, 'headers-too-large', 'The request headers are too large.')
        : problem(400, 'bad-request', 'The request is not valid HTTP.');
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.status} ${body.title}\r\nContent-Type: ${problemContentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
