import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { signedHeaderNames } from '@orchard/platform/webhooks';
import { BadRequestError } from '@orchard/platform/http';
import type { CarrierUpdateReceipt, SignedCarrierMessage } from '@orchard/contracts';
import type { FastifyRequest } from 'fastify';
import { CarrierStatusUpdateDto, CarrierUpdateReceiptDto } from '../dtos';
import { Public } from '../sessions/access.decorators';
import { Upstreams } from '../upstream/upstream.module';
import { carrierWebhookBodyOf } from './webhook-body';

const headerOf = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The carrier's webhook: it reports each parcel's journey here, signed (Standard Webhooks).
 * The gateway checks the call is whole and passes it on; shipping checks the signature and
 * stores the update before answering, and applies it later, in sequence.
 */
@ApiTags('carrier')
@Public()
@Controller('carrier')
export class CarrierWebhookController {
  constructor(private readonly upstreams: Upstreams) {}

  @Post('webhooks')
  @HttpCode(202)
  @ApiBody({ type: CarrierStatusUpdateDto })
  @ApiHeader({ name: 'webhook-id', required: true, description: "The update's message id." })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds.' })
  @ApiHeader({
    name: 'webhook-signature',
    required: true,
    description: 'v1,<base64 HMAC-SHA256 of id.timestamp.body>, space-separated.',
  })
  @ApiAcceptedResponse({ type: CarrierUpdateReceiptDto, description: 'Stored, or had already.' })
  @ApiUnauthorizedResponse({ description: 'Forged, or signed more than 5 minutes ago.' })
  @ApiUnprocessableEntityResponse({ description: 'Not an update of a parcel handed over.' })
  async receive(@Req() request: FastifyRequest): Promise<CarrierUpdateReceipt> {
    const [id, timestamp, signature] = signedHeaderNames.map((name) => headerOf(request, name));
    if (!id || !timestamp || !signature)
      throw new BadRequestError(`A carrier update is signed: ${signedHeaderNames.join(', ')}.`);
    const body = carrierWebhookBodyOf(request);
    if (body === undefined) throw new BadRequestError('A carrier update has a JSON body.');
    const message: SignedCarrierMessage = { id, timestamp, signature, body };
    return (
      await this.upstreams.shipping.request<CarrierUpdateReceipt>(
        'POST',
        '/carrier/updates',
        message,
      )
    ).body;
  }
}
