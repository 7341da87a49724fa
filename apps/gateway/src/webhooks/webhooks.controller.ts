import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ZodValidationPipe } from 'nestjs-zod';
import {
  WebhookDeliveriesRequest,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointCreated,
  type WebhookSecret,
} from '@orchard/contracts';
import {
  WebhookDeliveryDto,
  WebhookEndpointCreatedDto,
  WebhookEndpointDto,
  WebhookEndpointRequestDto,
  WebhookSecretDto,
} from '../dtos';
import { ApiUuidParam } from '../openapi/api-params';
import { RequiresRole } from '../sessions/access.decorators';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';

const deliveriesQuery = new ZodValidationPipe(WebhookDeliveriesRequest);

/**
 * Partners' webhook endpoints, for administrators: each receives the events it subscribed to,
 * signed (Standard Webhooks), retried with backoff, then parked for an operator to redeliver.
 */
@ApiTags('admin')
@RequiresRole('admin')
@Controller('admin')
export class WebhooksController {
  constructor(private readonly upstreams: Upstreams) {}

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
    return (await this.upstreams.readModel.request<T>(method, path, body)).body;
  }

  @Post('webhook-endpoints')
  @ApiConflictResponse({ description: 'As many endpoints as the shop serves are registered.' })
  @ApiCreatedResponse({
    type: WebhookEndpointCreatedDto,
    description: 'With its secret, shown once.',
  })
  register(@Body() body: WebhookEndpointRequestDto): Promise<WebhookEndpointCreated> {
    return this.call('POST', '/webhook-endpoints', body);
  }

  @Get('webhook-endpoints')
  @ApiOkResponse({ type: [WebhookEndpointDto] })
  list(): Promise<WebhookEndpoint[]> {
    return this.call('GET', '/webhook-endpoints');
  }

  @Get('webhook-endpoints/:id')
  @ApiUuidParam('id')
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ description: 'No such endpoint.' })
  endpoint(@Param('id', UuidPipe) id: string): Promise<WebhookEndpoint> {
    return this.call('GET', `/webhook-endpoints/${id}`);
  }

  @Post('webhook-endpoints/:id/pause')
  @HttpCode(200)
  @ApiUuidParam('id')
  @ApiOkResponse({ type: WebhookEndpointDto, description: 'Deliveries wait until it resumes.' })
  @ApiNotFoundResponse({ description: 'No such endpoint.' })
  pause(@Param('id', UuidPipe) id: string): Promise<WebhookEndpoint> {
    return this.call('POST', `/webhook-endpoints/${id}/pause`);
  }

  @Post('webhook-endpoints/:id/resume')
  @HttpCode(200)
  @ApiUuidParam('id')
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ description: 'No such endpoint.' })
  resume(@Param('id', UuidPipe) id: string): Promise<WebhookEndpoint> {
    return this.call('POST', `/webhook-endpoints/${id}/resume`);
  }

  @Post('webhook-endpoints/:id/secret')
  @HttpCode(200)
  @ApiUuidParam('id')
  @ApiOkResponse({ type: WebhookSecretDto, description: 'The old one signs too for a day.' })
  @ApiNotFoundResponse({ description: 'No such endpoint.' })
  rotateSecret(@Param('id', UuidPipe) id: string): Promise<WebhookSecret> {
    return this.call('POST', `/webhook-endpoints/${id}/secret`);
  }

  @Delete('webhook-endpoints/:id')
  @HttpCode(204)
  @ApiUuidParam('id')
  @ApiNoContentResponse({ description: 'Deleted with its deliveries.' })
  @ApiNotFoundResponse({ description: 'No such endpoint.' })
  async remove(@Param('id', UuidPipe) id: string): Promise<void> {
    await this.call('DELETE', `/webhook-endpoints/${id}`);
  }

  @Get('webhook-endpoints/:id/deliveries')
  @ApiUuidParam('id')
  @ApiQuery({ name: 'eventId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: [WebhookDeliveryDto], description: 'Newest first, with attempts.' })
  @ApiNotFoundResponse({ description: 'No such endpoint.' })
  deliveries(
    @Param('id', UuidPipe) id: string,
    @Query(deliveriesQuery) request: WebhookDeliveriesRequest,
  ): Promise<WebhookDelivery[]> {
    const query = request.eventId === undefined ? '' : `?eventId=${request.eventId}`;
    return this.call('GET', `/webhook-endpoints/${id}/deliveries${query}`);
  }

  @Get('webhook-deliveries/dead')
  @ApiOkResponse({ type: [WebhookDeliveryDto], description: 'Parked deliveries, newest first.' })
  dead(): Promise<WebhookDelivery[]> {
    return this.call('GET', '/webhook-deliveries/dead');
  }

  @Post('webhook-deliveries/:id/redeliver')
  @HttpCode(202)
  @ApiUuidParam('id')
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, description: 'Queued again.' })
  @ApiNotFoundResponse({ description: 'No such delivery.' })
  @ApiConflictResponse({ description: 'The delivery is not parked.' })
  redeliver(@Param('id', UuidPipe) id: string): Promise<WebhookDelivery> {
    return this.call('POST', `/webhook-deliveries/${id}/redeliver`);
  }
}
