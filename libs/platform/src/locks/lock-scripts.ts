import type Redis from 'ioredis';
import { fenceKey, lockKey } from './lock-keys';
import { LuaScript } from '../redis/lua-script';

/** How long an idle resource's fencing counter is kept; see `acquireSource`. */
export const fenceIdleTtlMs = 24 * 60 * 60 * 1000;

/**
 * KEYS: lock, fence. ARGV: owner, lock TTL (ms), fence idle TTL (ms).
 * Takes the lock if free and returns the next fencing token, or nil while another holds it.
 *
 * The token is the counter plus one, but never below the server clock in microseconds: a Redis
 * that restarts empty (the stack's keeps no data) would otherwise count again from 1, issuing
 * tokens the database already saw and refusing every write. With the clock as a floor the
 * counter may also expire when idle. (Tokens stay below 2^53, exact in a JavaScript number,
 * until the year 2255.)
 */
const acquireSource = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return nil
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if now > last then
  redis.call('SET', KEYS[2], string.format('%d', now - 1))
end
local token = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return token
`;

/** KEYS: lock. ARGV: owner. Deletes the lock only if the owner still holds it; 1 if it did. */
const releaseSource = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

const acquireScript = new LuaScript(acquireSource);
const releaseScript = new LuaScript(releaseSource);

/** The fencing token of the lock just taken, or undefined while another holds it. */
export async function tryAcquireLock(
  redis: Redis,
  resource: string,
  owner: string,
  ttlMs: number,
): Promise<number | undefined> {
  const reply = await acquireScript.run(
    redis,
    [lockKey(resource), fenceKey(resource)],
    [owner, ttlMs, fenceIdleTtlMs],
  );
  return reply === null ? undefined : fencingToken(resource, reply);
}

function fencingToken(resource: string, reply: unknown): number {
  if (typeof reply !== 'number' || !Number.isSafeInteger(reply))
    throw new RangeError(`the fencing token of ${resource} is out of range: ${String(reply)}`);
  return reply;
}

/** Whether `owner` still held the lock it now gave up; an expired lock is never deleted. */
export async function releaseLock(redis: Redis, resource: string, owner: string): Promise<boolean> {
  return (await releaseScript.run(redis, [lockKey(resource)], [owner])) === 1;
}
