// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain } from '@orchard/platform/process';
import { startServiceApp } from '@orchard/platform/service';
import { AppModule } from './app.module';
import { inventoryCallers } from './caller-policy';
import { loadInventoryConfig } from './config';

runMain(async () => {
  const config = loadInventoryConfig();
  await startServiceApp(AppModule.forConfig(config), config, {
    service: 'inventory-service',
    callers: inventoryCallers,
  });
});
