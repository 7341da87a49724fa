/** Percentiles by nearest rank over a sample, in the sample's unit. */
export function percentiles(
  sample: readonly number[],
  ranks: readonly number[] = [50, 95, 99],
): Record<string, number> {
  const sorted = [...sample].sort((a, b) => a - b);
  const result: Record<string, number> = {};
  for (const rank of ranks) {
    const index = Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1),
    );
    result[`p${rank}`] = sorted.length ? Number((sorted[index] ?? 0).toFixed(1)) : NaN;
  }
  return result;
}

export const perSecond = (count: number, ms: number) => Number(((count * 1000) / ms).toFixed(1));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
