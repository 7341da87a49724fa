import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem details: the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export const problemContentType = 'application/problem+json';

export function problem(
  status: number,
  slug: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  return {
    type: `/problems/${slug}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail === undefined ? {} : { detail }),
    ...extensions,
  };
}
