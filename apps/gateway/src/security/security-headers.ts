import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** An API answer is data, never a page: nothing may load, run or frame itself from it. */
const apiContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * Swagger UI at /docs is a page: its own scripts and styles, the inline styles of its HTML,
 * and the data: images of its stylesheet. Nothing from other origins.
 */
const docsContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/');

/**
 * Security headers on every answer (errors and unknown routes included): a strict content
 * security policy, no sniffing, no framing, no referrer, HSTS for when TLS terminates in front.
 * Call before the routes are registered: /docs routes get the page's policy as they appear.
 */
export async function installSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (isDocs(route.url)) {
        route.config = {
          ...route.config,
          helmet: { contentSecurityPolicy: docsContentSecurityPolicy },
        } as typeof route.config;
      }
    });
  await app.register(helmet, {
    contentSecurityPolicy: apiContentSecurityPolicy,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
