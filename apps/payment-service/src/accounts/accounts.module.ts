import { Module } from '@nestjs/common';
import { AccountStore } from './account-store';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { WalletsService } from './wallets.service';

@Module({
  controllers: [AccountsController, PaymentsController],
  providers: [AccountsRepository, AccountStore, WalletsService, PaymentsService],
  exports: [PaymentsService],
})
export class AccountsModule {}
