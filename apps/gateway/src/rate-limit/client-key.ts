import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { sessionIdOf } from '../sessions/session-cookie';

/**
 * The session a request names. Not verified here (that would cost the limiter a Redis lookup
 * per request): a made-up id only moves a client to a budget of its own, and the per-address
 * limit still counts every request from its address.
 */
export { sessionIdOf };

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
