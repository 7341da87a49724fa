/**
 * The locks could not be taken, so nothing was done under them: retrying later is safe. Never a
 * business answer; a Temporal activity that throws one is retried.
 */
export class LockUnavailableError extends Error {
  override name = 'LockUnavailableError';
}

/** Another holder kept a lock past the deadline for taking them all. */
export class LockTimeoutError extends LockUnavailableError {
  override name = 'LockTimeoutError';

  constructor(
    readonly resource: string,
    deadlineMs: number,
  ) {
    super(`the lock on ${resource} was not free within the ${deadlineMs} ms deadline`);
  }
}

/** Redis did not answer the lock command. */
export class LockStoreUnreachableError extends LockUnavailableError {
  override name = 'LockStoreUnreachableError';

  constructor(resource: string, cause: unknown) {
    super(`Redis did not answer for the lock on ${resource}: ${String(cause)}`, { cause });
  }
}

/**
 * A store refused a write carrying a fencing token older than one it already accepted: the
 * writer's lock had expired and a later holder has written since. Nothing was written; a retry
 * takes a fresh lock and reads the current state.
 */
export class StaleLockError extends Error {
  override name = 'StaleLockError';

  constructor(readonly resources: readonly string[]) {
    super(`a newer lock holder has written ${resources.join(', ')}: this holder's lock expired`);
  }
}
