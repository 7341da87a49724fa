import type { DynamicModule, INestApplication } from '@nestjs/common';
import { startHttpApp } from '../http/start-http-app';
import { requireServiceCredential } from '../service-auth/service-credential.hook';

/** A service behind the gateway: listens where its config says, answering the gateway only. */
export function startServiceApp(
  rootModule: DynamicModule,
  config: { PORT: number; HOST: string; SERVICE_CREDENTIAL_SECRET: string },
): Promise<INestApplication> {
  return startHttpApp(rootModule, {
    port: config.PORT,
    host: config.HOST,
    configure: (app) => requireServiceCredential(app, config.SERVICE_CREDENTIAL_SECRET),
  });
}
