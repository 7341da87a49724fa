import { z } from 'zod';

/** Settings of a process that uses Redis, opt-in: `serviceEnvironment.extend(redisEnvironment.shape)`. */
export const redisEnvironment = z.object({
  REDIS_URL: z.string().url(),
});
export type RedisEnvironment = z.infer<typeof redisEnvironment>;
