import { HttpException } from '@nestjs/common';
import { problem } from './problem-details';

/**
 * A request refused for now, not for good: one like it still running (409), too many requests
 * (429) or a dependency that is away (503). The answer carries `Retry-After`, so a
 * well-behaved client knows when to return.
 */
export class RetryLaterError extends HttpException {
  constructor(
    status: 409 | 429 | 503,
    slug: string,
    detail: string,
    readonly retryAfterSeconds: number,
    extensions: Record<string, unknown> = {},
  ) {
    super(problem(status, slug, detail, extensions), status);
  }
}
