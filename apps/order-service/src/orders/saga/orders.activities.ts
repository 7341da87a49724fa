import type { OrderActivities } from '@orchard/contracts';
import type { SagaOutcomes } from './saga-outcomes';
import type { StuckCompensations } from './stuck-compensations';

/** The order's own steps of the saga: its outcome, and what the operator must know of it. */
export function createOrderActivities(
  outcomes: SagaOutcomes,
  stuck: StuckCompensations,
): OrderActivities {
  return {
    confirmOrder: ({ orderId, reservation }) => outcomes.confirm(orderId, reservation),
    rejectOrder: ({ orderId, reason }) => outcomes.reject(orderId, reason),
    cancelOrder: ({ orderId, reason }) => outcomes.cancel(orderId, reason),
    failOrder: ({ orderId, reason }) => outcomes.fail(orderId, reason),
    reportCompensationStuck: (report) => stuck.report(report),
    reportCompensationResolved: ({ orderId }) => stuck.resolve(orderId),
  };
}
