import {
  Controller,
  Get,
  HttpException,
  Logger,
  Param,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OrderView } from '@orchard/contracts';
import { ApiUuidParam } from '../openapi/api-params';
import { CurrentSession } from '../sessions/access.decorators';
import { HeldConnections } from '../sessions/held-connections';
import { assertOwnedBy, orNotFound } from '../sessions/ownership';
import { sessionIdOf } from '../sessions/session-cookie';
import type { Session } from '../sessions/session';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';
import { OrderEventStream } from './order-event-stream';
import { OrderSummaries } from './order-summaries';

/** Open streams one gateway holds at most: each is a socket and a watcher. */
const maxOpenStreams = 5_000;

@ApiTags('orders')
@Controller('orders')
export class OrderEventsController {
  private readonly logger = new Logger(OrderEventsController.name);

  constructor(
    private readonly upstreams: Upstreams,
    private readonly summaries: OrderSummaries,
    private readonly held: HeldConnections,
  ) {}

  /**
   * The order's summary as server-sent events (`event: summary`), pushed when the read model
   * announces a change: no polling. The first comes as soon as the read model has the order.
   */
  @Get(':id/events')
  @ApiUuidParam('id')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'A stream of `summary` events, each an OrderSummary.' })
  @ApiNotFoundResponse({ description: 'No such order.' })
  async events(
    @CurrentSession() session: Session,
    @Param('id', UuidPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (this.summaries.watcherCount >= maxOpenStreams)
      throw new ServiceUnavailableException('too many open order streams, try again shortly');
    // The order service, not the read model: an order just placed is not there yet.
    const { body: order } = await orNotFound(
      'order',
      this.upstreams.order.request<OrderView>('GET', `/orders/${id}`),
    );
    assertOwnedBy(session, order.customerId, 'order');

    // Ended with the session (a logout anywhere, a password change, a timeout); capped per session.
    const ending: { stream?: OrderEventStream } = {};
    const release = await this.held.hold(sessionIdOf(request) ?? '', () =>
      ending.stream?.end('session-ended'),
    );
    reply.hijack();
    const stream = new OrderEventStream(reply.raw, () => this.summaryOrNothing(id));
    ending.stream = stream;
    const onError = (error: unknown) =>
      this.logger.warn(`order ${id}: could not read its summary for a stream: ${String(error)}`);
    // Watching before the first look: a change announced in between is not missed.
    const unwatch = this.summaries.watch(id, () => stream.sendIfChanged(onError));
    stream.sendIfChanged(onError);
    request.raw.on('close', () => {
      release();
      unwatch();
      stream.close();
    });
  }

  private async summaryOrNothing(id: string) {
    try {
      return await this.summaries.get(id);
    } catch (error) {
      // Not in the read model yet: its announcement will come.
      if (error instanceof HttpException && error.getStatus() === 404) return undefined;
      throw error;
    }
  }
}
