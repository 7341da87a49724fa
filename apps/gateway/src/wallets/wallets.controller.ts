import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { DepositRequest, WalletView } from '@orchard/contracts';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { idempotent } from '../idempotency/idempotent';
import { Upstreams } from '../upstream/upstream.module';

class DepositDto extends createZodDto(DepositRequest) {}
class WalletViewDto extends createZodDto(WalletView) {}

@ApiTags('wallets')
@Controller('wallets')
export class WalletsController {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Get(':customerId')
  @ApiOkResponse({ type: WalletViewDto })
  async get(@Param('customerId', new ParseUUIDPipe()) customerId: string): Promise<WalletView> {
    return (await this.upstreams.payment.request<WalletView>('GET', `/accounts/${customerId}`))
      .body;
  }

  /** Tops up a wallet, opening it on first use. */
  @Post(':customerId/deposits')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key deposit once.',
  })
  @ApiCreatedResponse({ type: WalletViewDto })
  async deposit(
    @Param('customerId', new ParseUUIDPipe()) customerId: string,
    @Body() body: DepositDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const path = `/wallets/${customerId}/deposits`;
    await idempotent(
      this.idempotency,
      { key, scope: `deposits:${customerId}`, method: 'POST', path, body },
      reply,
      async () => {
        await this.upstreams.payment.request('PUT', `/accounts/${customerId}`);
        const { body: wallet } = await this.upstreams.payment.request<WalletView>(
          'POST',
          `/accounts/${customerId}/deposits`,
          body,
        );
        return { status: 201, body: wallet };
      },
    );
  }
}
