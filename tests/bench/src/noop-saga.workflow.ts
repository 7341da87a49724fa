import { proxyActivities } from '@temporalio/workflow';
import type { NoopSagaActivities } from './noop-saga.activities';

const steps = proxyActivities<NoopSagaActivities>({ startToCloseTimeout: '10 seconds' });

/** The order saga's shape with no work in it: five activities in a row. */
export async function noopSagaWorkflow(id: string): Promise<void> {
  await steps.reserve(id);
  await steps.authorize(id);
  await steps.ship(id);
  await steps.capture(id);
  await steps.confirm(id);
}
