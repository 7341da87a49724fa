import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { execReplies } from '@orchard/platform/redis';
import type Redis from 'ioredis';

/** How long counts may wait in the process before they are sent to Redis together. */
const flushEveryMs = 100;

interface WindowCount {
  /** The count in Redis as last answered, this process's counts sent so far included. */
  shared: number;
  /** Counted here and on their way to Redis. */
  sending: number;
  /** Counted here, not sent yet. */
  pending: number;
  windowMs: number;
  endsAt: number;
}

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/**
 * A @fastify/rate-limit store whose counts are shared through Redis, yet cost most requests no
 * round trip. Fixed windows, each starting with its key's first count, as the plugin's Redis
 * store has them. Well below its limit, a client's requests are counted in the process and
 * sent to Redis as one INCRBY per key every 100 ms; from half its limit on, each request is
 * counted in Redis before it is answered, so the limit itself holds. The price: with N gateway
 * processes, a client spreading requests over all of them may pass up to N/2 × max within one
 * 100 ms before the counts meet. A failed send loses its counts: like any Redis failure, the
 * limits fail open (see rate-limits.ts).
 */
export function sharedWindowStore(redis: Redis, nameSpace: string) {
  const counts = new Map<string, WindowCount>();
  let flushTimer: NodeJS.Timeout | undefined;

  async function send(key: string, count: WindowCount): Promise<void> {
    const sent = count.pending;
    if (sent === 0) return;
    count.pending = 0;
    count.sending += sent;
    try {
      const [total, , ttlMs] = (await execReplies(
        redis.pipeline().incrby(key, sent).pexpire(key, count.windowMs, 'NX').pttl(key),
      )) as [number, number, number];
      count.shared = Math.max(count.shared, total);
      if (ttlMs > 0) count.endsAt = Date.now() + ttlMs;
    } finally {
      count.sending -= sent;
    }
  }

  function flushSoon(): void {
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      const now = Date.now();
      for (const [key, count] of counts) {
        if (count.pending > 0) send(key, count).catch(() => undefined);
        else if (count.sending === 0 && count.endsAt <= now) counts.delete(key);
      }
      if (counts.size > 0) flushSoon();
    }, flushEveryMs).unref();
  }

  // The plugin constructs it with its options, which it does not need.
  return class SharedWindowStore implements FastifyRateLimitStore {
    incr(client: string, callback: Callback, windowMs: number, max: number): void {
      const key = `${nameSpace}${client}`;
      const now = Date.now();
      let count = counts.get(key);
      if (!count || count.endsAt <= now) {
        count = { shared: 0, sending: 0, pending: 0, windowMs, endsAt: now + windowMs };
        counts.set(key, count);
      }
      count.pending += 1;
      flushSoon();
      const estimate = count.shared + count.sending + count.pending;
      if (estimate * 2 <= max) {
        callback(null, { current: estimate, ttl: count.endsAt - now });
        return;
      }
      const counted = count;
      send(key, counted).then(
        () =>
          callback(null, {
            current: counted.shared + counted.sending + counted.pending,
            ttl: Math.max(0, counted.endsAt - Date.now()),
          }),
        (error: unknown) => callback(error as Error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
