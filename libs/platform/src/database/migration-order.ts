/**
 * node-pg-migrate's order of migration file names: the numeric prefix, then the rest of the
 * name, compared the way it compares them, so the order checked here is the order it runs.
 */
export function compareMigrationFiles(a: string, b: string): number {
  const prefix = (name: string) => Number(/^\d+/.exec(name)?.[0] ?? Number.NaN);
  return (
    prefix(a) - prefix(b) ||
    a.localeCompare(b, undefined, {
      usage: 'sort',
      numeric: true,
      sensitivity: 'variant',
      ignorePunctuation: true,
    })
  );
}

export class MigrationOrderError extends Error {}

/**
 * The platform's migrations and a service's are two sequences that share one migrations table
 * and run interleaved by name. Each sequence must have been applied as a prefix of itself, in
 * order; how the two interleave does not matter, since neither touches the other's tables. A
 * single check across both (node-pg-migrate's own) would refuse every existing database as
 * soon as the platform adds a migration numbered below a service's latest one.
 *
 * `applied`: migration names in the order they ran. `sequences`: each folder's names, sorted.
 */
export function assertMigrationOrder(
  applied: readonly string[],
  sequences: readonly (readonly string[])[],
): void {
  const known = new Set(sequences.flat());
  const stray = applied.find((name) => !known.has(name));
  if (stray !== undefined)
    throw new MigrationOrderError(`migration ${stray} was applied but its file is gone`);
  for (const sequence of sequences) {
    const appliedHere = applied.filter((name) => sequence.includes(name));
    appliedHere.forEach((name, i) => {
      if (sequence[i] !== name)
        throw new MigrationOrderError(
          `migration ${sequence[i]} is not applied but precedes the applied ${name}`,
        );
    });
  }
}
