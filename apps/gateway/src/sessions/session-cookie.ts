// The cookie plugin's types add setCookie, clearCookie and cookies to Fastify's.
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie that carries the session id over plain HTTP (local runs). */
export const sessionCookie = 'orchard_session';
/**
 * Over TLS, the `__Host-` prefix: browsers accept it only Secure, for this host (no Domain)
 * and path `/`, so no sibling subdomain can set or shadow it.
 */
export const secureSessionCookie = `__Host-${sessionCookie}`;

const cookieNameFor = (request: FastifyRequest) =>
  request.protocol === 'https' ? secureSessionCookie : sessionCookie;

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
  void reply.setCookie(cookieNameFor(request), id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(cookieNameFor(request), {
    path: '/',
    secure: request.protocol === 'https',
  });
}

/** The session id the request presents, under the cookie name its protocol calls for. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const id = request.cookies[cookieNameFor(request)];
  return id && id.length <= 128 ? id : undefined;
}
