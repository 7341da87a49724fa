import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { fastifyClientProblem } from './client-errors';
import { DomainError } from './domain-errors';
import { problem, problemContentType, type ProblemDetails } from './problem-details';
import { RetryLaterError } from './retry-later';

const slugByStatus: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

/** Maps any thrown error to problem details; unknown errors become a bare 500, logged, never shown. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ZodValidationException) {
    const zodError = error.getZodError() as ZodError;
    return problem(400, 'validation-error', 'The request does not match the schema.', {
      errors: zodError.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  if (error instanceof DomainError) return problem(error.status, error.problemType, error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const extra =
      typeof response === 'object' && response !== null
        ? (response as Record<string, unknown>)
        : {};
    if (typeof extra['type'] === 'string' && typeof extra['status'] === 'number')
      return extra as ProblemDetails;
    return problem(status, slugByStatus[status] ?? 'error', error.message);
  }
  // A client error of Fastify's that did not come through Nest as an HttpException.
  return (
    fastifyClientProblem(error) ?? problem(500, 'internal-error', 'An unexpected error occurred.')
  );
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = { ...toProblem(error), instance: request.url };
    if (error instanceof RetryLaterError) {
      void reply.header('retry-after', String(error.retryAfterSeconds));
      // Expected while a dependency is away: worth a line, not a stack trace.
      if (body.status >= 500) this.logger.warn(`${request.method} ${request.url}: ${body.detail}`);
    } else if (body.status >= 500) {
      this.logger.error(error instanceof Error ? error.stack : String(error));
    }
    void reply.status(body.status).header('content-type', problemContentType).send(body);
  }
}
