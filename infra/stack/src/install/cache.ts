import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../paths';
import { progress } from '../progress';
import { withCacheLock } from './cache-lock';

/**
 * A folder of the machine-wide cache holding one version of one thing. It counts as present
 * only once its install finished: a run cut off halfway is redone, never half-used.
 */
export class CacheEntry {
  readonly dir: string;

  constructor(private readonly key: string) {
    this.dir = join(cacheDir, key);
  }

  private get marker(): string {
    return join(this.dir, '.complete');
  }

  get isComplete(): boolean {
    return existsSync(this.marker);
  }

  /** Installs the entry unless present; another process installing it is waited for, not joined. */
  async ensure(label: string, install: (dir: string) => Promise<void>): Promise<void> {
    if (this.isComplete) return;
    await withCacheLock(this.key, async () => {
      if (this.isComplete) return;
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
      await progress.long(`installing ${label} into ${this.dir}`, () => install(this.dir));
      writeFileSync(this.marker, new Date().toISOString());
    });
  }
}
