import { orderSummaryChangesChannel } from '@orchard/contracts';

/**
 * Redis's ACL users: one per app, each allowed its own keys and channels only. Commands:
 * everything but the dangerous ones, plus what the client library and the gateway's session
 * copies need (INFO for the ready check, CLIENT TRACKING for invalidations).
 *
 * The default user is the operator's (tools, tests), behind a password. It cannot be disabled:
 * Redis 7.0 replays the append-only file as the default user and re-checks its permissions at
 * each EXEC, so with the default user off every transaction in the file is dropped on restart
 * (sessions, fencing counters; redis/redis#14541, fixed after 7.0).
 */
const commands = '+@all -@dangerous +info +client|id +client|setname +client|tracking';

const replays = (service: string) => `~replay:${service}:*`;

export const redisUsers = {
  gateway: `~session:* ~rate-limit:* ~idempotency:* ~throttle:* &__redis__:invalidate &${orderSummaryChangesChannel}`,
  'order-service': replays('order-service'),
  'payment-service': replays('payment-service'),
  'inventory-service': `${replays('inventory-service')} ~lock:* ~fence:*`,
  'shipping-service': replays('shipping-service'),
  'read-model-service': `${replays('read-model-service')} &${orderSummaryChangesChannel}`,
  // Tests and tools that inspect or reset what the apps keep (never an app's own user).
  default: '~* &* +@all',
} as const;
export type RedisUser = keyof typeof redisUsers;

/** One ACL rule line per user, as an aclfile or `--user` arguments take them. */
export function redisAclRules(passwordOf: (user: RedisUser) => string): string[] {
  return [
    ...Object.entries(redisUsers).map(([user, access]) => {
      const allowed = user === 'default' ? access : `${access} ${commands}`;
      return `user ${user} on >${passwordOf(user as RedisUser)} resetchannels ${allowed}`;
    }),
  ];
}
