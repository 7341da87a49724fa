import 'reflect-metadata';
import { startHttpApp } from '@orchard/platform';
import { AppModule } from './app.module';
import { loadPaymentConfig } from './config';

async function main(): Promise<void> {
  const config = loadPaymentConfig();
  await startHttpApp(AppModule.forConfig(config), { port: config.PORT, host: config.HOST });
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
