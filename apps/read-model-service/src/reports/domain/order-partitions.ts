/** Order ids are random UUIDs: ranges of their first 16 bits split the history evenly. */
const keySpace = 0x1_0000;

const uuidAt = (prefix: number) =>
  `${prefix.toString(16).padStart(4, '0')}0000-0000-0000-0000-000000000000`;

/** The most map tasks a job may have: each must own at least one 16-bit prefix. */
export const maxPartitions = keySpace;

/**
 * The order ids partition `partition` of `partitions` reads: `from` included, `to` excluded
 * (null for the last one). Ranges rather than hashes, so each map task reads its rows through
 * the primary key's index instead of scanning the whole table.
 */
export function orderIdRange(
  partition: number,
  partitions: number,
): { from: string; to: string | null } {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > maxPartitions)
    throw new RangeError(`partitions must be an integer from 1 to ${maxPartitions}`);
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions)
    throw new RangeError(`partition must be an integer from 0 to ${partitions - 1}`);
  const start = Math.floor((partition * keySpace) / partitions);
  const end = Math.floor(((partition + 1) * keySpace) / partitions);
  return { from: uuidAt(start), to: end === keySpace ? null : uuidAt(end) };
}
