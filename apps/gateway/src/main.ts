// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import Redis from 'ioredis';
import { startHttpApp } from '@orchard/platform/http';
import { runMain } from '@orchard/platform/service';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { serveOpenApi } from './openapi';
import { installRateLimits } from './rate-limit/rate-limits';
import { installSecurityHeaders } from './security/security-headers';
import { SessionStore } from './sessions/session.store';

/** The largest valid request, an order of 50 lines, is under 5 KiB. */
const bodyLimitBytes = 16 * 1024;

runMain(async () => {
  const config = loadGatewayConfig();
  await startHttpApp(AppModule.forConfig(config), {
    port: config.PORT,
    managementPort: config.MANAGEMENT_PORT,
    host: config.HOST,
    bodyLimitBytes,
    trustProxy: config.TRUST_PROXY,
    configure: async (app) => {
      // Order matters: the headers go on every answer, a refusal by the rate limit included.
      await app.register(fastifyCookie);
      installSecurityHeaders(app);
      await installRateLimits(
        app,
        app.get(Redis),
        {
          max: config.RATE_LIMIT_MAX,
          windowMs: config.RATE_LIMIT_WINDOW_MS,
          ipMax: config.RATE_LIMIT_IP_MAX,
        },
        app.get(SessionStore),
      );
      serveOpenApi(app);
    },
  });
});
