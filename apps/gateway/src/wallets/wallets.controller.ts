import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { WalletView } from '@orchard/contracts';
import { DepositDto, WalletViewDto } from '../dtos';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { idempotent } from '../idempotency/idempotent';
import { depositIdFor } from '../idempotency/ids-from-keys';
import { ApiIdempotencyKey, ApiUuidParam } from '../openapi/api-params';
import { CurrentSession } from '../sessions/access.decorators';
import { assertOwnedBy, orNotFound } from '../sessions/ownership';
import type { Session } from '../sessions/session';
import { Upstreams } from '../upstream/upstream.module';
import { UuidPipe } from '../validation/uuid.pipe';

@ApiTags('wallets')
@Controller('wallets')
export class WalletsController {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Get(':customerId')
  @ApiUuidParam('customerId')
  @ApiOkResponse({ type: WalletViewDto })
  @ApiNotFoundResponse({ description: 'The customer has no wallet yet.' })
  async get(
    @CurrentSession() session: Session,
    @Param('customerId', UuidPipe) customerId: string,
  ): Promise<WalletView> {
    assertOwnedBy(session, customerId, 'wallet');
    const { body } = await orNotFound(
      'wallet',
      this.upstreams.payment.request<WalletView>('GET', `/accounts/${customerId}`),
    );
    return body;
  }

  /** Tops up a wallet, opening it on first use. */
  @Post(':customerId/deposits')
  @ApiUuidParam('customerId')
  @ApiIdempotencyKey('Retries with the same key deposit once.')
  @ApiCreatedResponse({ type: WalletViewDto })
  @ApiConflictResponse({
    description: 'A request with this key is still being served, or concurrent writes won.',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The deposit is refused, or this key was used for a different request.',
  })
  async deposit(
    @CurrentSession() session: Session,
    @Param('customerId', UuidPipe) customerId: string,
    @Body() body: DepositDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertOwnedBy(session, customerId, 'wallet');
    const path = `/wallets/${customerId}/deposits`;
    await idempotent(
      this.idempotency,
      // Per caller and wallet: an administrator's key never meets the owner's.
      { key, scope: `deposits:${session.accountId}:${customerId}`, method: 'POST', path, body },
      reply,
      async () => {
        await this.upstreams.payment.request('PUT', `/accounts/${customerId}`);
        const { body: wallet } = await this.upstreams.payment.request<WalletView>(
          'POST',
          `/accounts/${customerId}/deposits`,
          { depositId: depositIdFor(customerId, session.accountId, key), ...body },
        );
        return { status: 201, body: wallet };
      },
    );
  }
}
