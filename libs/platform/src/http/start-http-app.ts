import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import { ProblemDetailsFilter } from './problem-details.filter';
import { installRequestHooks } from './request-hooks';

export interface HttpAppOptions {
  port: number;
  host: string;
  /** Larger bodies are refused with 413 before any parsing. */
  bodyLimitBytes?: number;
  /** Extra set-up before listening (OpenAPI, hooks). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** Creates the Nest application on Fastify with the project's validation and error shape, and listens. */
export async function startHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<INestApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 64 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ZodValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  installRequestHooks(app);
  await options.configure?.(app);
  app.enableShutdownHooks();
  await app.listen(options.port, options.host);
  return app;
}
