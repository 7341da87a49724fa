// First: OpenTelemetry instruments libraries as they load.
import '@orchard/platform/register-telemetry';
import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Redis from 'ioredis';
import { startHttpApp } from '@orchard/platform/http';
import { runMain } from '@orchard/platform/process';
import { AppModule } from './app.module';
import { keepCarrierWebhookBodies } from './carrier/webhook-body';
import { loadGatewayConfig } from './config';
import { serveOpenApi } from './openapi';
import { defaultWebRoot, WebBuild } from './pages/web-build';
import { installRateLimits } from './rate-limit/rate-limits';
import { refuseCrossSiteRequests } from './security/cross-site-requests';
import { installSecurityHeaders } from './security/security-headers';
import { SessionStore } from './sessions/session.store';

/** The largest valid request, an order of 50 lines, is under 5 KiB. */
const bodyLimitBytes = 16 * 1024;

runMain(async () => {
  const config = loadGatewayConfig();
  const webBuild = new WebBuild(config.WEB_ROOT ?? defaultWebRoot);
  await startHttpApp(AppModule.forConfig(config, webBuild), {
    port: config.PORT,
    managementPort: config.MANAGEMENT_PORT,
    host: config.HOST,
    bodyLimitBytes,
    trustProxy: config.TRUST_PROXY,
    configure: async (app) => {
      // Order matters: the headers go on every answer, a refusal by the rate limit included.
      await app.register(fastifyCookie);
      installSecurityHeaders(app);
      refuseCrossSiteRequests(app);
      keepCarrierWebhookBodies(app);
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
      // The pages' scripts and styles: content-hashed names, so kept for a year.
      await app.register(fastifyStatic, {
        root: webBuild.assetsDir,
        prefix: '/assets/',
        immutable: true,
        maxAge: '365d',
        decorateReply: false,
        index: false,
        // The build's Brotli and gzip copies, for browsers that accept them.
        preCompressed: true,
      });
      serveOpenApi(app);
    },
  });
});
