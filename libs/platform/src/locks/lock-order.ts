const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The one order every holder takes its locks in: ascending code units, each resource once. Two
 * holders wanting overlapping sets then queue behind each other instead of each holding a lock
 * the other waits for.
 */
export function lockOrder(resources: readonly string[]): string[] {
  return [...new Set(resources)].sort(byCodeUnits);
}
