import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import { answerClientError, answerFrameworkError } from './client-errors';
import { ProblemDetailsFilter } from './problem-details.filter';
import { serveManagementPort } from './management-port';
import { installRequestHooks } from './request-hooks';

export interface HttpAppOptions {
  port: number;
  host: string;
  /** Where probes and /metrics are served, and only there (see serveManagementPort). */
  managementPort: number;
  /** Larger bodies are refused with 413 before any parsing. */
  bodyLimitBytes?: number;
  /** Extra set-up before listening (OpenAPI, hooks). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /**
   * The proxies in front whose `X-Forwarded-*` headers are believed (Fastify's `trustProxy`),
   * so the client's address and protocol are the real ones. None by default.
   */
  trustProxy?: boolean | number | string[];
}

/** A request must have arrived whole within this time; a client that trickles it is cut off (408). */
const requestTimeoutMs = 30_000;

/**
 * Creates the Nest application on Fastify with the project's validation and error shape, and
 * listens. Bodies are JSON or nothing: any other media type is refused with 415.
 */
export async function startHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    requestTimeout: requestTimeoutMs,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    trustProxy: options.trustProxy ?? false,
  });
  // Fastify's own JSON parser (which refuses `__proto__` and `constructor.prototype` keys) is
  // the only one: Nest's extra parsers (URL-encoded forms) are not registered, and plain text
  // is dropped, so a body of any other type never reaches a handler.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ZodValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  installRequestHooks(app);
  const management = serveManagementPort(app, options.managementPort);
  await options.configure?.(app);
  app.enableShutdownHooks();
  await app.listen(options.port, options.host);
  await management.listen(options.host);
  return app;
}
