// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain, startHttpApp } from '@orchard/platform';
import { AppModule } from './app.module';
import { loadReadModelConfig } from './config';

runMain(async () => {
  const config = loadReadModelConfig();
  await startHttpApp(AppModule.forConfig(config), { port: config.PORT, host: config.HOST });
});
