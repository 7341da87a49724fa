import { RetryLaterError } from '@orchard/platform/http';

/**
 * A runner of Redis commands for work that cannot be done without Redis: should a command
 * fail, the request is refused for now (503 with Retry-After, problem `slug`), never failed
 * and never let through unchecked.
 */
export function refusedWhileRedisFails(
  slug: string,
  detail: string,
): <T>(command: () => Promise<T>) => Promise<T> {
  return async (command) => {
    try {
      return await command();
    } catch {
      throw new RetryLaterError(503, slug, detail, 2);
    }
  };
}
