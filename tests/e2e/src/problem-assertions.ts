import assert from 'node:assert/strict';
import type { RawAnswer } from './raw-http';

/**
 * What an error body must never show: stack frames, source files, framework and class names,
 * SQL, and the hosts, ports and names of what runs behind the gateway.
 */
const internals: [string, RegExp][] = [
  ['a stack frame', /\bat [\w$.<>]+ \(|\n\s+at /],
  ['a source file', /[\w-]+\.(ts|js|cjs|mjs)\b|node_modules|\/work\/|\/home\/|\/usr\//],
  ['a class name', /\b[A-Z]\w*(Exception|Error)\b/],
  ['a framework code', /\bFST_\w+|\bERR_\w+|\bE[A-Z]{4,}\b/],
  ['SQL', /\b(select|insert|update|delete)\b[\s\S]*\b(from|into|set|where)\b/i],
  ['a host or port', /127\.0\.0\.1|localhost|:\d{4,5}\b/],
  ['a service name', /\b(order|payment|inventory|shipping|read-model)-service\b|postgres|ioredis/i],
];

/** Asserts the answer is problem details (RFC 9457) with this status, and shows nothing internal. */
export function assertProblem(
  answer: RawAnswer,
  status: number | number[],
): Record<string, unknown> {
  const statuses = Array.isArray(status) ? status : [status];
  const context = `${answer.status} ${answer.text.slice(0, 300)}`;
  assert.ok(statuses.includes(answer.status), `status ${statuses.join('/')}: ${context}`);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json\b/, context);
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  assert.equal(body['status'], answer.status, context);
  assert.match(String(body['type']), /^\/problems\/[a-z-]+$/, context);
  assert.equal(typeof body['title'], 'string', context);
  // `instance` echoes the request's own path, which may carry whatever the client put there.
  const { instance, ...rest } = body;
  assert.ok(instance === undefined || String(instance).startsWith('/'), context);
  const shown = JSON.stringify(rest);
  for (const [what, pattern] of internals)
    assert.doesNotMatch(shown, pattern, `the body shows ${what}: ${shown}`);
  return body;
}
