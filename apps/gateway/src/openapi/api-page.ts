import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { ZodValidationPipe } from 'nestjs-zod';
import { PageRequest } from '@orchard/contracts';

/** Validates `?limit=&cursor=`: a malformed one is a 400 that names it. */
export const pageQuery = new ZodValidationPipe(PageRequest);

/** The query parameters of a paged list, in the OpenAPI document. */
export const ApiPage = () =>
  applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      description: 'Items per page (default 20).',
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    }),
    ApiQuery({
      name: 'cursor',
      required: false,
      description: "The previous page's nextCursor; none for the first page.",
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,512}$' },
    }),
  );

/** The page request as the query string of the read model's list. */
export function pageQueryString({ limit, cursor }: PageRequest): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor !== undefined) query.set('cursor', cursor);
  return query.toString();
}
