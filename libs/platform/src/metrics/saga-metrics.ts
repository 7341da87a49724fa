import { Counter } from 'prom-client';
import { businessErrorTypes, sagaSteps } from '@orchard/contracts/saga';

const sagaOutcomes = new Counter({
  name: 'orchard_saga_outcomes_total',
  help: 'Orders that reached an outcome of their saga, by status and reason.',
  labelNames: ['status', 'reason'] as const,
});

const closedReasons: ReadonlySet<string> = new Set<string>([...businessErrorTypes, ...sagaSteps]);

/**
 * The reason as a label from a closed set: a rejection's business error (`OutOfStock: …`
 * counts as `OutOfStock`) or a failure's step (`authorizing payment: …`). Free text, such as a
 * customer's cancel reason, never becomes a label: it would make a series per order.
 */
export function reasonLabel(reason: string | null): string {
  if (reason === null) return 'none';
  const prefix = reason.slice(0, Math.max(0, reason.indexOf(':')));
  return closedReasons.has(prefix) ? prefix : 'other';
}

/** Counts an outcome. */
export function recordSagaOutcome(status: string, reason: string | null): void {
  sagaOutcomes.inc({ status, reason: reasonLabel(reason) });
}
