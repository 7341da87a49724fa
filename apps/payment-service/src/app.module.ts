import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { taskQueues } from '@orchard/contracts';
import {
  Database,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  TemporalWorkerHost,
  TemporalWorkerModule,
} from '@orchard/platform';
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
        LoggingModule.forRoot({ service: serviceName, level: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          migrationsDir: join(__dirname, '..', 'migrations'),
          applicationName: serviceName,
        }),
        AccountsModule,
        TemporalWorkerModule.register({
          imports: [AccountsModule],
          inject: [PaymentsService],
          useFactory: (payments: PaymentsService) => ({
            address: config.TEMPORAL_ADDRESS,
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: taskQueues.payment,
            activities: createPaymentActivities(payments),
          }),
        }),
        HealthModule.forChecks({
          inject: [Database, TemporalWorkerHost],
          useFactory: (database: Database, worker: TemporalWorkerHost) => [
            { name: 'database', check: async () => void (await database.query('select 1')) },
            {
              name: 'temporal-worker',
              check: async () => {
                if (!worker.isRunning) throw new Error('worker not running');
              },
            },
          ],
        }),
      ],
    };
  }
}
