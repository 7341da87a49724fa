/** An answer the API gave as problem details (RFC 9457), with what a page needs to explain it. */
export class ProblemError extends Error {
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: { path: string; message: string }[];
  /** Seconds to wait, from Retry-After (429, 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    detail: string | undefined,
    errors: { path: string; message: string }[],
    retryAfterSeconds: number | undefined,
  ) {
    super(detail ?? `the shop answered ${status}`);
    this.status = status;
    this.detail = detail;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

interface Problem {
  detail?: string;
  errors?: { path: string; message: string }[];
}

/**
 * One call to the API, same origin, with the session cookie. A JSON body when there is one;
 * an error answer becomes a ProblemError; a network failure, one with status 0.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ProblemError(0, undefined, [], undefined);
  }
  const text = await response.text();
  if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
  let problem: Problem = {};
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    // not problem details (a proxy's page): the status says enough
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ProblemError(
    response.status,
    problem.detail,
    problem.errors ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}
