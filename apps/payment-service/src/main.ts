// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain } from '@orchard/platform/process';
import { startServiceApp } from '@orchard/platform/service';
import { AppModule } from './app.module';
import { paymentCallers } from './caller-policy';
import { loadPaymentConfig } from './config';

runMain(async () => {
  const config = loadPaymentConfig();
  await startServiceApp(AppModule.forConfig(config), config, {
    service: 'payment-service',
    callers: paymentCallers,
  });
});
