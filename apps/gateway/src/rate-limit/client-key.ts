import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Session } from '../sessions/session';
import { sessionIdOf } from '../sessions/session-cookie';

export { sessionIdOf };

/** The client's IP address; an IPv6 client counts by its /64, which one host usually owns whole. */
export function ipKey(request: FastifyRequest): string {
  return `ip:${normalizeIP(request.ip)}`;
}

/**
 * Whom a request counts against: its session, once that session exists (people behind one
 * address do not share a budget), else its IP address. A made-up session id is no session, so
 * inventing ids buys no budget. Session ids are hashed: they never land in Redis, or in the
 * traces of its commands, as they are. The lookup is the session store's (mostly a local copy).
 */
export function clientKeyBy(
  sessionOf: (id: string) => Promise<Session | undefined>,
): (request: FastifyRequest) => Promise<string> {
  return async (request) => {
    const id = sessionIdOf(request);
    if (id === undefined) return ipKey(request);
    const session = await sessionOf(id).catch(() => undefined);
    if (!session) return ipKey(request);
    return `session:${createHash('sha256').update(id).digest('base64url')}`;
  };
}
