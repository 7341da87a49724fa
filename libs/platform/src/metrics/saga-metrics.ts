import { Counter } from 'prom-client';

const sagaOutcomes = new Counter({
  name: 'orchard_saga_outcomes_total',
  help: 'Orders that reached an outcome of their saga, by status and reason.',
  labelNames: ['status', 'reason'] as const,
});

/**
 * Counts an outcome. The reason label is the business error's type (`OutOfStock: …` counts as
 * `OutOfStock`), never the free text, which would make a series per order.
 */
export function recordSagaOutcome(status: string, reason: string | null): void {
  const category = reason === null ? 'none' : (/^([A-Za-z]+):/.exec(reason)?.[1] ?? 'other');
  sagaOutcomes.inc({ status, reason: category });
}
