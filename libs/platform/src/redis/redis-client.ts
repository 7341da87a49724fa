import Redis, { type ChainableCommander, type RedisOptions } from 'ioredis';

/**
 * Fail a command fast instead of queueing it while Redis is away, or waiting on one that hangs:
 * callers answer or retry on their own terms (a request fails, an activity is retried).
 */
export const failFastRedisOptions: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2_000,
  commandTimeout: 1_000,
};

export function createRedisClient(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...failFastRedisOptions, ...options });
}

/**
 * A client that is connected when returned. With no offline queue, a command sent before the
 * connection is up fails; scripts and tests that start sending at once use this.
 */
export async function connectRedisClient(url: string, options: RedisOptions = {}): Promise<Redis> {
  const redis = createRedisClient(url, { ...options, lazyConnect: true });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}

/**
 * Runs a pipeline or MULTI and returns each command's reply, in order; throws the first
 * command's error, or when the transaction was aborted.
 */
export async function execReplies(commands: ChainableCommander): Promise<unknown[]> {
  const results = await commands.exec();
  if (!results) throw new Error('the Redis transaction was aborted');
  const failed = results.find(([error]) => error !== null);
  if (failed) throw failed[0];
  return results.map(([, reply]) => reply);
}
