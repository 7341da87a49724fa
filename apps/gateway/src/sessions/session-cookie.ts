// The cookie plugin's types add setCookie, clearCookie and cookies to Fastify's.
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie that carries the session id (the rate limiter keys on it too). */
export const sessionCookie = 'orchard_session';

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure whenever
 * the request came over TLS, so it never travels in clear text once TLS is in use.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
  void reply.setCookie(sessionCookie, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(sessionCookie, { path: '/' });
}

export function sessionIdOf(request: FastifyRequest): string | undefined {
  const id = request.cookies[sessionCookie];
  return id && id.length <= 128 ? id : undefined;
}
