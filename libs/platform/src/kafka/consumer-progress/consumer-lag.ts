/** A partition's committed position (-1: nothing committed yet) and its log's bounds. */
export interface PartitionPosition {
  committed: bigint;
  low: bigint;
  high: bigint;
}

/**
 * Messages a group has still to process in one partition: from its committed offset, or from
 * the oldest message kept when it has committed nothing, to the end of the log.
 */
export function partitionLag({ committed, low, high }: PartitionPosition): bigint {
  const from = committed < 0n ? low : committed;
  return from < high ? high - from : 0n;
}

/** Messages a topic holds now (its dead letters, say): what retention has not removed. */
export function messagesHeld(partitions: readonly { low: bigint; high: bigint }[]): bigint {
  return partitions.reduce((sum, { low, high }) => sum + (high > low ? high - low : 0n), 0n);
}
