import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

export const sessionCookieName = 'orchard_session';

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      return pair.slice(separator + 1).trim() || undefined;
    }
  }
  return undefined;
}

/**
 * The session a request belongs to. Sessions plug in here: today this is the session cookie
 * as the client sent it; once the gateway issues sessions, it returns the id of a session it
 * has verified, and undefined for any other cookie.
 */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  return cookie(request, sessionCookieName);
}

/** The client's IP address; an IPv6 client counts by its /64, which one host usually owns whole. */
export function ipKey(request: FastifyRequest): string {
  return `ip:${normalizeIP(request.ip)}`;
}

/**
 * Whom a request counts against: its session when it has one (people behind one address do
 * not share a budget), else its IP address. Session ids are hashed: they never land in Redis,
 * or in the traces of its commands, as they are.
 */
export function clientKey(request: FastifyRequest): string {
  const session = sessionIdOf(request);
  if (session === undefined) return ipKey(request);
  return `session:${createHash('sha256').update(session).digest('base64url')}`;
}
