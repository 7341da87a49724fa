import 'reflect-metadata';
import { startHttpApp } from '@orchard/platform';
import { AppModule } from './app.module';
import { loadInventoryConfig } from './config';

async function main(): Promise<void> {
  const config = loadInventoryConfig();
  await startHttpApp(AppModule.forConfig(config), { port: config.PORT, host: config.HOST });
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
