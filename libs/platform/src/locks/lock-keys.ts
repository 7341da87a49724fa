/** The Redis key holding a resource's lock: its owner, with the lock's TTL. */
export const lockKey = (resource: string): string => `lock:${resource}`;

/** The Redis key counting a resource's fencing tokens. */
export const fenceKey = (resource: string): string => `fence:${resource}`;
