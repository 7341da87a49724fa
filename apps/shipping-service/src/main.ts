// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain } from '@orchard/platform/process';
import { startServiceApp } from '@orchard/platform/service';
import { AppModule } from './app.module';
import { shippingCallers } from './caller-policy';
import { loadShippingConfig } from './config';

runMain(async () => {
  const config = loadShippingConfig();
  await startServiceApp(AppModule.forConfig(config), config, {
    service: 'shipping-service',
    callers: shippingCallers,
  });
});
