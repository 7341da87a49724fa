import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  WebhookDeliveriesRequest,
  WebhookEndpointRequest,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointCreated,
  type WebhookSecret,
} from '@orchard/contracts';
import { ConflictError, NotFoundError } from '@orchard/platform/http';
import { ZodValidationPipe } from 'nestjs-zod';
import { maxEndpoints, WebhookEndpoints } from './webhook-endpoints';

const endpointRequest = new ZodValidationPipe(WebhookEndpointRequest);
const deliveriesQuery = new ZodValidationPipe(WebhookDeliveriesRequest);
const uuid = new ParseUUIDPipe();

function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFoundError(`no ${what}`);
  return value;
}

/** Partners' endpoints: registered, listed, paused and resumed, their secret rotated, deleted. */
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  /** 201 with the signing secret: the one time it is shown, with each rotation's. */
  @Post()
  async register(
    @Body(endpointRequest) request: WebhookEndpointRequest,
  ): Promise<WebhookEndpointCreated> {
    const created = await this.endpoints.register(request);
    if (created === 'full')
      throw new ConflictError(`the shop serves at most ${maxEndpoints} webhook endpoints`);
    return created;
  }

  @Get()
  list(): Promise<WebhookEndpoint[]> {
    return this.endpoints.list();
  }

  @Get(':id')
  async endpoint(@Param('id', uuid) id: string): Promise<WebhookEndpoint> {
    return found(await this.endpoints.find(id), `webhook endpoint ${id}`);
  }

  /** Nothing is sent while paused; what happens meanwhile is queued and sent on resume. */
  @Post(':id/pause')
  @HttpCode(200)
  async pause(@Param('id', uuid) id: string): Promise<WebhookEndpoint> {
    return found(await this.endpoints.setStatus(id, 'PAUSED'), `webhook endpoint ${id}`);
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Param('id', uuid) id: string): Promise<WebhookEndpoint> {
    return found(await this.endpoints.setStatus(id, 'ACTIVE'), `webhook endpoint ${id}`);
  }

  @Post(':id/secret')
  @HttpCode(200)
  async rotateSecret(@Param('id', uuid) id: string): Promise<WebhookSecret> {
    return found(await this.endpoints.rotateSecret(id), `webhook endpoint ${id}`);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', uuid) id: string): Promise<void> {
    if (!(await this.endpoints.remove(id))) throw new NotFoundError(`no webhook endpoint ${id}`);
  }

  /** Its newest deliveries (or one event's), with every attempt's code, latency and error. */
  @Get(':id/deliveries')
  async deliveries(
    @Param('id', uuid) id: string,
    @Query(deliveriesQuery) request: WebhookDeliveriesRequest,
  ): Promise<WebhookDelivery[]> {
    found(await this.endpoints.find(id), `webhook endpoint ${id}`);
    return this.endpoints.deliveriesOf(id, request.eventId);
  }
}

/** Deliveries that ran out of retries, and sending one again. */
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  @Get('dead')
  dead(): Promise<WebhookDelivery[]> {
    return this.endpoints.dead();
  }

  @Post(':id/redeliver')
  @HttpCode(202)
  async redeliver(@Param('id', uuid) id: string): Promise<WebhookDelivery> {
    const outcome = await this.endpoints.redeliver(id);
    if (outcome === 'not-found') throw new NotFoundError(`no webhook delivery ${id}`);
    if (outcome === 'not-dead')
      throw new ConflictError(
        `webhook delivery ${id} is not parked: only DEAD ones are redelivered`,
      );
    return outcome;
  }
}
