import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { RetryLaterError } from '@orchard/platform/http';
import type { SessionStore } from '../sessions/session.store';
import { clientKeyBy, ipKey, sessionIdOf } from './client-key';
import { sharedWindowStore } from './shared-window-store';

export interface RateLimits {
  /** Requests per window for one client: its session, else its IP address. */
  max: number;
  windowMs: number;
  /** Requests per window for one IP address across all the sessions it presents. */
  ipMax: number;
}

/** Probes and scrapes are never limited: an orchestrator must always get its answer. */
const unlimitedRoutes = new Set(['/health/live', '/health/ready', '/metrics']);

type Limiter = (request: FastifyRequest) => Promise<
  | { isAllowed: true }
  | {
      isAllowed: false;
      max: number;
      remaining: number;
      ttlInSeconds: number;
      isExceeded: boolean;
    }
>;

const tooManyRequests = (retryAfterSeconds: number) =>
  new RetryLaterError(
    429,
    'too-many-requests',
    `Too many requests; retry in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  );

/**
 * One limit, its counters in Redis under a namespace naming the limit and its policy: a
 * process with other limits (a new deployment, a test) never reads these counters as its own.
 * Registered in a scope of its own, since the plugin gives each scope one limiter.
 */
async function limiter(
  app: NestFastifyApplication,
  name: string,
  options: {
    max: number;
    timeWindow: number;
    redis: Redis;
    keyGenerator: (request: FastifyRequest) => string | Promise<string>;
  },
): Promise<Limiter> {
  let created: Limiter | undefined;
  await app.register(async (scope: FastifyInstance) => {
    const { redis, ...limit } = options;
    await scope.register(rateLimit, {
      ...limit,
      global: false,
      store: sharedWindowStore(
        redis,
        `rate-limit:${name}:${options.max}-per-${options.timeWindow}ms:`,
      ),
      skipOnError: false, // a Redis failure is handled by the caller, deliberately
    });
    created = scope.createRateLimit();
  });
  if (!created) throw new Error(`the ${name} rate limit was not set up`);
  return created;
}

/**
 * Fixed-window rate limits with the counters shared in Redis by every gateway process (counted
 * in the process while far from the limit: see sharedWindowStore):
 * per client, and per IP address for requests that name a session, so that a client cannot
 * escape its limit by making up session ids. A refused request gets 429 with Retry-After.
 */
export async function installRateLimits(
  app: NestFastifyApplication,
  redis: Redis,
  limits: RateLimits,
  sessions: SessionStore,
): Promise<void> {
  const window = { timeWindow: limits.windowMs, redis };
  const perClient = await limiter(app, 'client', {
    ...window,
    max: limits.max,
    keyGenerator: clientKeyBy((id) => sessions.use(id)),
  });
  const perIp = await limiter(app, 'sessions-per-ip', {
    ...window,
    max: limits.ipMax,
    keyGenerator: ipKey,
  });
  const logger = new Logger('RateLimit');
  let failing = false;

  /**
   * Fails open: while Redis is away the counters are all that is lost, whereas refusing every
   * request would turn a Redis outage into an outage of the whole shop, reads included. The
   * services stay shielded by the gateway's bounded connection pools, body limit and timeouts;
   * the lapse is logged and readiness reports Redis down.
   */
  const count = async (limit: Limiter, request: FastifyRequest) => {
    try {
      const result = await limit(request);
      if (failing) logger.log('rate limits are enforced again');
      failing = false;
      return result;
    } catch (error) {
      if (!failing) logger.warn(`rate limits are not enforced: ${(error as Error).message}`);
      failing = true;
      return undefined;
    }
  };

  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (unlimitedRoutes.has(request.routeOptions.url ?? '')) return;
      const client = await count(perClient, request);
      if (client && !client.isAllowed) {
        void reply.header('ratelimit-limit', client.max);
        void reply.header('ratelimit-remaining', client.remaining);
        void reply.header('ratelimit-reset', client.ttlInSeconds);
        if (client.isExceeded) throw tooManyRequests(Math.max(1, client.ttlInSeconds));
      }
      if (sessionIdOf(request) === undefined) return;
      const address = await count(perIp, request);
      if (address && !address.isAllowed && address.isExceeded)
        throw tooManyRequests(Math.max(1, address.ttlInSeconds));
    });
}
