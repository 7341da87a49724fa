// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain } from '@orchard/platform/process';
import { startServiceApp } from '@orchard/platform/service';
import { AppModule } from './app.module';
import { readModelCallers } from './caller-policy';
import { loadReadModelConfig } from './config';

runMain(async () => {
  const config = loadReadModelConfig();
  await startServiceApp(AppModule.forConfig(config), config, {
    service: 'read-model-service',
    callers: readModelCallers,
  });
});
