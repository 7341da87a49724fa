import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { taskQueues } from '@orchard/contracts';
import { serviceInfrastructure } from '@orchard/platform/service';
import { AccountsModule } from './accounts/accounts.module';
import { createPaymentActivities } from './accounts/payments.activities';
import { PaymentsService } from './accounts/payments.service';
import type { PaymentConfig } from './config';

export const serviceName = 'payment-service';

@Module({})
export class AppModule {
  static forConfig(config: PaymentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AccountsModule,
        ...serviceInfrastructure({
          service: serviceName,
          config,
          appRoot: join(__dirname, '..'),
          worker: {
            imports: [AccountsModule],
            inject: [PaymentsService],
            taskQueue: taskQueues.payment,
            activities: (payments: PaymentsService) => createPaymentActivities(payments),
          },
        }),
      ],
    };
  }
}
