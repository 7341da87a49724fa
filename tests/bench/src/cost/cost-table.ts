/** One column of the cost table: a run's CPU per completed order, by part. */
export interface CostColumn {
  name: string;
  ordersPerSecond: number;
  perOrder: { total: number; byPart: Record<string, number> };
}

/** The parts as rows, most expensive first (by the last column), the total last. */
export function costTable(columns: readonly CostColumn[]): string {
  const last = columns.at(-1);
  const parts = [...new Set(columns.flatMap((c) => Object.keys(c.perOrder.byPart)))].sort(
    (a, b) => (last?.perOrder.byPart[b] ?? 0) - (last?.perOrder.byPart[a] ?? 0),
  );
  const width = Math.max(20, ...columns.map((c) => c.name.length + 2));
  const cell = (value: string) => value.padStart(width);
  const row = (label: string, values: string[]) =>
    `${label.padEnd(22)}${values.map(cell).join('')}`;
  return [
    row(
      '',
      columns.map((c) => c.name),
    ),
    row(
      'orders/s',
      columns.map((c) => c.ordersPerSecond.toFixed(2)),
    ),
    ...parts.map((part) =>
      row(
        part,
        columns.map((c) => (c.perOrder.byPart[part] ?? 0).toFixed(1)),
      ),
    ),
    row(
      'total',
      columns.map((c) => c.perOrder.total.toFixed(1)),
    ),
  ].join('\n');
}
