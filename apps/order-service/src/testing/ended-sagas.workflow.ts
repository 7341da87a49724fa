import { ApplicationFailure } from '@temporalio/workflow';
import type { PlaceOrderInput, SagaOutcome } from '@orchard/contracts/saga';

/** Marks an order whose stand-in saga should fail rather than complete. */
export const failingCustomer = '00000000-0000-4000-8000-00000000fa11';

/**
 * A stand-in for the order saga, for the reconciler's spec: it ends at once, completed or
 * failed, so that spec can show what the reconciler does with sagas that ended either way.
 */
export async function placeOrderWorkflow(input: PlaceOrderInput): Promise<SagaOutcome> {
  if (input.customerId === failingCustomer)
    throw ApplicationFailure.nonRetryable('a bug in the saga', 'StandInFailure');
  return { status: 'SHIPPED' };
}
