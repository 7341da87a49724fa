// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain, startHttpApp } from '@orchard/platform';
import { AppModule } from './app.module';
import { loadShippingConfig } from './config';

runMain(async () => {
  const config = loadShippingConfig();
  await startHttpApp(AppModule.forConfig(config), { port: config.PORT, host: config.HOST });
});
