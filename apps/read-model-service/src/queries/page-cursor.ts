import { BadRequestError } from '@orchard/platform/http';

/**
 * Keyset cursors: the sort key of a page's last row, opaque to clients (base64url JSON), so a
 * page is found by an index seek however deep the list, and rows added meanwhile never shift
 * the pages after them.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's key is, checked before it reaches a query. */
export type CursorPart = 'timestamp' | 'uuid' | 'text';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's JSON form of a timestamptz: `2026-11-21T10:00:01.123456+00:00`. */
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

const isPart: Record<CursorPart, (value: string) => boolean> = {
  timestamp: (value) => timestamp.test(value) && !Number.isNaN(Date.parse(value)),
  uuid: (value) => uuid.test(value),
  text: (value) => value.length <= 200,
};

/** The key a cursor holds, each part of the kind its query sorts by, or a 400 when it is not one of ours. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((part, i) => typeof part === 'string' && isPart[parts[i] ?? 'text'](part))
    )
      return key as string[];
  } catch {
    // fall through
  }
  throw new BadRequestError('cursor is not the nextCursor of a previous page', 'invalid-cursor');
}
