import { LRUCache } from 'lru-cache';

interface Entry<V> {
  loading: Promise<V | undefined>;
  /** Set once loaded: a hit then answers without waiting. */
  value?: V;
}

/**
 * Copies of data owned elsewhere, kept while their source says nothing changed: the owner's
 * change notice calls `invalidate`, and `ttlMs` bounds how stale a copy can get should a notice
 * be lost. Concurrent misses of one key share one load. A load that an invalidation overtook is
 * answered but not kept, since it may have read the value from before the change. While
 * `isCoherent()` is false (notices cannot arrive) every read loads and nothing is kept.
 * A load that finds nothing (undefined) is not kept either.
 */
export class CoherentCache<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, Entry<V>>;

  constructor(
    options: { maxEntries: number; ttlMs: number },
    private readonly isCoherent: () => boolean,
  ) {
    this.entries = new LRUCache({ max: options.maxEntries, ttl: options.ttlMs });
  }

  /**
   * The value, from a copy when there is one that `answersFromCopy` accepts; otherwise loaded.
   * A copy a caller may not have (someone else's) is not answered from: that caller waits the
   * same load as one asking for a key nothing holds, so the time of the answer tells nothing.
   */
  get(
    key: string,
    load: () => Promise<V | undefined>,
    answersFromCopy: (value: V) => boolean = () => true,
  ): Promise<V | undefined> {
    if (!this.isCoherent()) return load();
    const cached = this.entries.get(key);
    if (cached?.value !== undefined && !answersFromCopy(cached.value)) return load();
    if (cached) return cached.value === undefined ? cached.loading : Promise.resolve(cached.value);
    const entry: Entry<V> = { loading: load() };
    this.entries.set(key, entry);
    entry.loading.then(
      (value) => {
        if (this.entries.peek(key) !== entry) return;
        if (value === undefined) this.entries.delete(key);
        else entry.value = value;
      },
      () => {
        if (this.entries.peek(key) === entry) this.entries.delete(key);
      },
    );
    return entry.loading;
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
