import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { DepositCommand, type WalletView } from '@orchard/contracts';
import { createZodDto } from 'nestjs-zod';
import { WalletsService } from './wallets.service';

class DepositCommandDto extends createZodDto(DepositCommand) {}

/** A customer's payment account; its id is the customer's id. */
@Controller('accounts')
export class AccountsController {
  constructor(private readonly wallets: WalletsService) {}

  /** PUT because opening is idempotent: the same request twice leaves one open account. */
  @Put(':customerId')
  open(@Param('customerId', new ParseUUIDPipe()) customerId: string): Promise<WalletView> {
    return this.wallets.open(customerId);
  }

  @Post(':customerId/deposits')
  deposit(
    @Param('customerId', new ParseUUIDPipe()) customerId: string,
    @Body() body: DepositCommandDto,
  ): Promise<WalletView> {
    return this.wallets.deposit(customerId, body.amountCents, body.depositId);
  }

  @Get(':customerId')
  get(@Param('customerId', new ParseUUIDPipe()) customerId: string): Promise<WalletView> {
    return this.wallets.get(customerId);
  }
}
