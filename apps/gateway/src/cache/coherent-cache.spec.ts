import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoherentCache } from './coherent-cache';

/** A load that resolves when told to, counting its calls. */
function controlledLoad<V>() {
  const calls: Array<(value: V | undefined) => void> = [];
  const load = () => new Promise<V | undefined>((resolve) => calls.push(resolve));
  return { load, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoherentCache', () => {
  it('shares one load between concurrent misses and answers later reads from the copy', async () => {
    const cache = new CoherentCache<{ n: number }>({ maxEntries: 10, ttlMs: 60_000 }, () => true);
    const { load, calls } = controlledLoad<{ n: number }>();
    const first = cache.get('a', load);
    const second = cache.get('a', load);
    assert.equal(calls.length, 1);
    calls[0]?.({ n: 1 });
    assert.deepEqual(await Promise.all([first, second]), [{ n: 1 }, { n: 1 }]);
    assert.deepEqual(await cache.get('a', load), { n: 1 });
    assert.equal(calls.length, 1, 'the copy answered');
  });

  it('loads for a reader the copy may not answer, as a miss would, and keeps the copy', async () => {
    const cache = new CoherentCache<{ owner: string }>(
      { maxEntries: 10, ttlMs: 60_000 },
      () => true,
    );
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { owner: 'ada' };
    };
    const mayAnswer = (reader: string) => (copy: { owner: string }) => copy.owner === reader;
    await cache.get('order', load, mayAnswer('ada'));
    assert.equal(loads, 1);
    await cache.get('order', load, mayAnswer('ada'));
    assert.equal(loads, 1, "the owner's read is answered from the copy");
    await cache.get('order', load, mayAnswer('mallory'));
    assert.equal(loads, 2, "someone else's read costs a load, like a missing key's");
    await cache.get('order', load, mayAnswer('ada'));
    assert.equal(loads, 2, 'the copy is still there for its owner');
  });

  it('drops a copy on invalidation, and the next read loads afresh', async () => {
    const cache = new CoherentCache<{ n: number }>({ maxEntries: 10, ttlMs: 60_000 }, () => true);
    let n = 0;
    const load = async () => ({ n: ++n });
    assert.deepEqual(await cache.get('a', load), { n: 1 });
    cache.invalidate('a');
    assert.deepEqual(await cache.get('a', load), { n: 2 });
  });

  it('answers a load an invalidation overtook, but keeps nothing from it', async () => {
    const cache = new CoherentCache<{ n: number }>({ maxEntries: 10, ttlMs: 60_000 }, () => true);
    const { load, calls } = controlledLoad<{ n: number }>();
    const overtaken = cache.get('a', load);
    cache.invalidate('a'); // the value changed while the load was reading the old one
    calls[0]?.({ n: 1 });
    assert.deepEqual(await overtaken, { n: 1 });
    await settle();
    const next = cache.get('a', load);
    assert.equal(calls.length, 2, 'the old value was not kept');
    calls[1]?.({ n: 2 });
    assert.deepEqual(await next, { n: 2 });
  });

  it('keeps neither a failed load nor one that found nothing', async () => {
    const cache = new CoherentCache<{ n: number }>({ maxEntries: 10, ttlMs: 60_000 }, () => true);
    await assert.rejects(
      cache.get('a', () => Promise.reject(new Error('down'))),
      /down/,
    );
    assert.equal(await cache.get('a', async () => undefined), undefined);
    await settle();
    assert.equal(cache.size, 0);
  });

  it('expires a copy after its time to live', async () => {
    const cache = new CoherentCache<{ n: number }>({ maxEntries: 10, ttlMs: 20 }, () => true);
    let n = 0;
    const load = async () => ({ n: ++n });
    await cache.get('a', load);
    await new Promise((resolve) => setTimeout(resolve, 40)); // the TTL itself is under test
    assert.deepEqual(await cache.get('a', load), { n: 2 });
  });

  it('keeps nothing and always loads while changes cannot be heard', async () => {
    let coherent = false;
    const cache = new CoherentCache<{ n: number }>(
      { maxEntries: 10, ttlMs: 60_000 },
      () => coherent,
    );
    let n = 0;
    const load = async () => ({ n: ++n });
    await cache.get('a', load);
    await cache.get('a', load);
    assert.equal(n, 2);
    assert.equal(cache.size, 0);
    coherent = true;
    await cache.get('a', load);
    await cache.get('a', load);
    assert.equal(n, 3);
  });
});
