// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain } from '@orchard/platform/process';
import { startServiceApp } from '@orchard/platform/service';
import { AppModule } from './app.module';
import { orderCallers } from './caller-policy';
import { loadOrderConfig } from './config';

runMain(async () => {
  const config = loadOrderConfig();
  await startServiceApp(AppModule.forConfig(config), config, {
    service: 'order-service',
    callers: orderCallers,
  });
});
