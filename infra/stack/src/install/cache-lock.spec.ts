import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { withCacheLock } from './cache-lock';

describe('withCacheLock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orchard-cache-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder of a name work at a time, the others waiting their turn', async () => {
    const events: string[] = [];
    const holder = (id: number) =>
      withCacheLock(
        'install',
        async () => {
          events.push(`enter ${id}`);
          await new Promise((resolve) => setImmediate(resolve));
          events.push(`leave ${id}`);
          return id;
        },
        dir,
      );
    const results = await Promise.all([holder(1), holder(2), holder(3)]);
    assert.deepEqual(results, [1, 2, 3]);
    assert.equal(events.length, 6);
    for (let i = 0; i < events.length; i += 2) {
      const [entered, left] = events.slice(i, i + 2);
      assert.equal(left, entered?.replace('enter', 'leave'));
    }
  });

  it('releases the lock when the work fails', async () => {
    await assert.rejects(
      withCacheLock('failing', () => Promise.reject(new Error('install failed')), dir),
      /install failed/,
    );
    assert.equal(await withCacheLock('failing', async () => 'next', dir), 'next');
  });

  it('lets different names work at once', async () => {
    let inside = 0;
    let most = 0;
    const holder = (name: string) =>
      withCacheLock(
        name,
        async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 50));
          inside -= 1;
        },
        dir,
      );
    await Promise.all([holder('a'), holder('b')]);
    assert.equal(most, 2);
  });
});
