// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import { runMain, startHttpApp } from '@orchard/platform';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { serveOpenApi } from './openapi';

runMain(async () => {
  const config = loadGatewayConfig();
  await startHttpApp(AppModule.forConfig(config), {
    port: config.PORT,
    host: config.HOST,
    configure: serveOpenApi,
  });
});
