/** The status of one reserved line. An order's lines are reserved and released together, but
 * commit parcel by parcel, as each parcel leaves its warehouse. */
export type ReservationStatus = 'RESERVED' | 'RELEASED' | 'COMMITTED';

export interface ReservationLineState {
  sku: string;
  quantity: number;
  status: ReservationStatus;
}

/**
 * The reservation as a whole. COMMITTED as soon as one line has shipped: from then on nothing
 * of it can be released. RELEASED when every line went back on hand; RESERVED otherwise.
 */
export function reservationStatusOf(statuses: readonly ReservationStatus[]): ReservationStatus {
  if (statuses.includes('COMMITTED')) return 'COMMITTED';
  if (statuses.length > 0 && statuses.every((s) => s === 'RELEASED')) return 'RELEASED';
  return 'RESERVED';
}

export type ParcelCommitPlan =
  { outcome: 'commit'; skus: string[] } | { outcome: 'refused'; problem: string };

/**
 * Which reserved lines a dispatched parcel commits: those of its SKUs still RESERVED (a line
 * already COMMITTED is a repeat and skipped). A parcel that contradicts the reservation (a SKU
 * never reserved, another quantity, a released line) is refused: its units cannot have left.
 */
export function planParcelCommit(
  lines: readonly ReservationLineState[],
  items: readonly { sku: string; quantity: number }[],
): ParcelCommitPlan {
  const skus: string[] = [];
  for (const item of items) {
    const line = lines.find((l) => l.sku === item.sku);
    if (!line) return { outcome: 'refused', problem: `${item.sku} was never reserved` };
    if (line.quantity !== item.quantity)
      return {
        outcome: 'refused',
        problem: `${item.quantity} of ${item.sku} left, ${line.quantity} were reserved`,
      };
    if (line.status === 'RELEASED')
      return { outcome: 'refused', problem: `${item.sku} was released, it cannot have left` };
    if (line.status === 'RESERVED') skus.push(item.sku);
  }
  return { outcome: 'commit', skus };
}
