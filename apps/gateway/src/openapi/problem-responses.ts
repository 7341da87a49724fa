import type { OpenAPIObject } from '@nestjs/swagger';
import { isProbePath, problemContentType } from '@orchard/platform/http';

type Operation = {
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: unknown; headers?: unknown }>;
};

/** RFC 9457 problem details, the body of every error answer. */
const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'The fields that break the schema.',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1 },
  },
};

const defaultDescriptions: Record<number, string> = {
  400: 'A parameter, header or body breaks the schema (`errors` names the fields).',
  401: 'No valid session: log in first.',
  403: 'The session has not the role this needs.',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than the gateway accepts.',
  415: 'The body is not application/json.',
  422: 'Understood but refused.',
  429: 'Too many requests from this client.',
  502: 'A service behind the gateway failed.',
  503: 'A service behind the gateway, or Redis, is unavailable.',
};

/** Open to anyone (the routes marked @Public()): the catalog, signing up and logging in. */
const isPublic = (path: string) => /^\/(products|auth\/(signup|login))(\/|$)/.test(path);

/** The refusals every operation of its kind can meet, whatever its own declares. */
function commonRefusals(path: string, operation: Operation): number[] {
  const statuses: number[] = [];
  if (operation.requestBody) statuses.push(400, 413, 415);
  if (operation.parameters?.length) statuses.push(400);
  if (!isProbePath(path)) statuses.push(429, 502, 503);
  if (!isProbePath(path) && !isPublic(path)) statuses.push(401);
  if (path.startsWith('/admin/')) statuses.push(403);
  return statuses;
}

/**
 * Declares every error answer an operation can give as problem+json: those its controller
 * names (404, 409, 422, a probe's 503) plus the common ones (bad input, oversize or non-JSON
 * bodies, rate limits, services away). 429 and 503 carry Retry-After.
 */
export function describeProblems(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (!operation?.responses) continue;
      const declared = Object.keys(operation.responses).map(Number);
      const errors = new Set([
        ...declared.filter((s) => s >= 400),
        ...commonRefusals(path, operation),
      ]);
      for (const status of [...errors].sort((a, b) => a - b)) {
        operation.responses[status] = {
          description:
            operation.responses[status]?.description || defaultDescriptions[status] || '',
          content: { [problemContentType]: { schema: { $ref: '#/components/schemas/Problem' } } },
          ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
        };
      }
    }
  }
  const schemas = { ...document.components?.schemas, Problem: problemSchema };
  return { ...document, components: { ...document.components, schemas } };
}
