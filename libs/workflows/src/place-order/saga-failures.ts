import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { businessErrorTypes } from '@orchard/contracts/saga';

/** What ended the forward steps early: a business refusal, a cancellation, or a failure. */
export type Interruption =
  | { kind: 'rejected'; reason: string }
  | { kind: 'cancelled'; reason: string }
  | { kind: 'failed'; reason: string };

export const causeOf = (error: unknown) => (error instanceof ActivityFailure ? error.cause : error);

/** The business reason of a failed step, or undefined when the failure is not a business one. */
export function businessReason(error: unknown): string | undefined {
  const cause = causeOf(error);
  if (
    cause instanceof ApplicationFailure &&
    cause.type &&
    businessErrorTypes.includes(cause.type)
  ) {
    return `${cause.type}: ${cause.message}`;
  }
  return undefined;
}

/** The innermost message of a failure: what actually went wrong, e.g. a database error. */
export function lastError(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
