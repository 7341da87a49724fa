import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { carrierWebhookPath } from '@orchard/contracts';
import { parseJsonKeepingText } from '@orchard/platform/http';
import type { FastifyRequest } from 'fastify';

const bodies = new WeakMap<FastifyRequest, string>();

/**
 * The carrier signs its webhook's body as it sends it: its text is kept, for that route only,
 * to be passed on to shipping unchanged.
 */
export function keepCarrierWebhookBodies(app: NestFastifyApplication): void {
  parseJsonKeepingText(app.getHttpAdapter().getInstance(), (request, text) => {
    if (request.url === carrierWebhookPath) bodies.set(request, text);
  });
}

export const carrierWebhookBodyOf = (request: FastifyRequest): string | undefined =>
  bodies.get(request);
