import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CryptoKey } from 'jose' with { 'resolution-mode': 'import' };
import type Redis from 'ioredis';
import { parseJsonKeepingText } from '../http/json-body-text';
import { isProbeRoute } from '../http/probe-paths';
import { problem, problemContentType } from '../http/problem-details';
import { allows, type CallerPolicy } from './caller-policy';
import { ReplayGuard } from './replay-guard';
import { bodyDigest } from './request-binding';
import { importPublicKey, type Caller, type TrustedKeysSetting } from './service-keys';
import { recordTokenRefusal } from './service-token-metrics';
import {
  serviceTokenHeader,
  TokenRefused,
  type TokenRefusal,
  verifyServiceToken,
  type VerifiedToken,
} from './service-token';

export interface ServiceTokenOptions {
  /** This service's name: the audience its tokens must be for. */
  service: string;
  trustedKeys: TrustedKeysSetting;
  callers: CallerPolicy;
  /** Where accepted token ids are remembered. */
  redis: Redis;
}

const emptyBodyDigest = bodyDigest();

/**
 * A service answers only callers it trusts, on the routes each may call: every request carries
 * a token its caller signed for this service and this very request (see ServiceTokenIssuer),
 * used once. Refused with 401 (no valid token: before routing to a handler or reading the
 * body) or 403 (a caller on a route not its own).
 */
export async function requireServiceToken(
  app: NestFastifyApplication,
  options: ServiceTokenOptions,
): Promise<void> {
  const trusted = new Map<Caller, CryptoKey>();
  for (const [caller, jwk] of Object.entries(options.trustedKeys))
    trusted.set(caller as Caller, await importPublicKey(jwk));
  const replays = new ReplayGuard(options.redis, options.service);
  const logger = new Logger('ServiceToken');
  const tokens = new WeakMap<FastifyRequest, VerifiedToken>();
  const bodyDigests = new WeakMap<FastifyRequest, string>();
  const fastify = app.getHttpAdapter().getInstance();

  /** `reason` is from a closed set: it is a metric label. */
  const refuse = async (reply: FastifyReply, reason: TokenRefusal | 'caller-not-allowed') => {
    recordTokenRefusal(reason);
    logger.warn(`refused a call: ${reason}`);
    const status = reason === 'caller-not-allowed' ? 403 : 401;
    const slug = reason === 'caller-not-allowed' ? reason : 'service-token-refused';
    await reply
      .code(status)
      .type(problemContentType)
      .send(problem(status, slug, `This service refused the call: ${reason}.`));
  };

  // The body's digest is taken from its bytes as they arrived, then parsed as Fastify would.
  parseJsonKeepingText(fastify, (request, text) => bodyDigests.set(request, bodyDigest(text)));

  fastify.addHook('onRequest', async (request, reply) => {
    // Probes and scrapes come from the platform, not from a caller.
    if (isProbeRoute(request)) return;
    const header = request.headers[serviceTokenHeader];
    try {
      const token = await verifyServiceToken(
        Array.isArray(header) ? undefined : header,
        options.service,
        trusted,
        { method: request.method, path: request.url },
      );
      if (!allows(options.callers, token.caller, request.method, request.routeOptions.url ?? ''))
        return await refuse(reply, 'caller-not-allowed');
      tokens.set(request, token);
    } catch (error) {
      if (!(error instanceof TokenRefused)) throw error;
      return await refuse(reply, error.reason);
    }
  });

  fastify.addHook('preHandler', async (request, reply) => {
    const token = tokens.get(request);
    if (!token) return;
    if ((bodyDigests.get(request) ?? emptyBodyDigest) !== token.bodyDigest)
      return await refuse(reply, 'wrong-request');
    const first = await replays.firstUse(token.id, token.acceptedUntil);
    if (!first) return await refuse(reply, 'replayed');
  });
}
