import { setTimeout as sleep } from 'node:timers/promises';
import { hasPgCode, pgErrorCodes } from '@orchard/platform/database';
import { ConflictError } from '@orchard/platform/http';

const maxAttempts = 10;
const backoffBaseMs = 2;

/**
 * Runs a read-decide-append command again while it loses to a concurrent writer (a unique
 * violation on the version it tried to claim). Each attempt re-reads the state, so it decides
 * on what the winner wrote. The random, growing pause spreads out writers that collided; after
 * `maxAttempts` the caller gets a conflict rather than waiting without end.
 */
export async function retryOnConcurrentWrite<T>(command: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await command();
    } catch (error) {
      if (!hasPgCode(error, pgErrorCodes.uniqueViolation)) throw error;
      if (attempt >= maxAttempts)
        throw new ConflictError(
          `gave up after ${attempt} attempts: concurrent writes kept winning`,
        );
      await sleep(Math.random() * backoffBaseMs * 2 ** attempt);
    }
  }
}
