import { z } from 'zod';

/**
 * Settings of a process that uses Redis, opt-in: `serviceEnvironment.extend(redisEnvironment.shape)`.
 * The URL names the process's own ACL user and password (`redis://user:password@host:port`):
 * each app may touch only its own keys; the default user is the operator's, with a password.
 */
export const redisEnvironment = z.object({
  REDIS_URL: z
    .string()
    .url()
    .refine((url) => {
      const parsed = new URL(url);
      return parsed.username !== '' && parsed.password !== '';
    }, 'redis://user:password@host:port (an ACL user of its own)'),
});
export type RedisEnvironment = z.infer<typeof redisEnvironment>;
