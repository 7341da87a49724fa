import 'reflect-metadata';
import { startHttpApp } from '@orchard/platform';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { serveOpenApi } from './openapi';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  await startHttpApp(AppModule.forConfig(config), {
    port: config.PORT,
    host: config.HOST,
    configure: serveOpenApi,
  });
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
