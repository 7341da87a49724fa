import { z } from 'zod';
import type { FencedLockOptions } from './fenced-locks';

/**
 * Settings of a process that takes fenced locks, opt-in:
 * `serviceEnvironment.extend(lockEnvironment.shape)`. The TTL bounds how long a crashed holder
 * blocks others; the wait stays well below a Temporal activity's timeout so a busy lock fails
 * the attempt (retried) instead of the whole activity timing out.
 */
export const lockEnvironment = z.object({
  LOCK_TTL_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  LOCK_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
});
export type LockEnvironment = z.infer<typeof lockEnvironment>;

export const lockOptionsOf = (config: LockEnvironment): FencedLockOptions => ({
  ttlMs: config.LOCK_TTL_MS,
  acquireTimeoutMs: config.LOCK_ACQUIRE_TIMEOUT_MS,
});
