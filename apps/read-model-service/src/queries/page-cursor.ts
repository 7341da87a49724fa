import { BadRequestError } from '@orchard/platform/http';

/**
 * Keyset cursors: the sort key of a page's last row, opaque to clients (base64url JSON), so a
 * page is found by an index seek however deep the list, and rows added meanwhile never shift
 * the pages after them.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds, or a 400 when it is not one of ours. */
export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((part) => typeof part === 'string' && part.length <= 200)
    )
      return key;
  } catch {
    // fall through
  }
  throw new BadRequestError('cursor is not the nextCursor of a previous page', 'invalid-cursor');
}
