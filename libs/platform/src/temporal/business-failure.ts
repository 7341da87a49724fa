import { ApplicationFailure } from '@temporalio/common';
import type { BusinessErrorType } from '@orchard/contracts';

/** A business refusal inside an activity: non-retryable, so the saga compensates at once. */
export function businessFailure(type: BusinessErrorType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}
