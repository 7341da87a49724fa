import { orderSummaryChangesChannel } from '@orchard/contracts';

/**
 * Redis's ACL users: one per app, each allowed its own keys and channels only, and an operator
 * for tools and tests. The default user is disabled. Commands: everything but the dangerous
 * ones, plus what the client library and the gateway's session copies need (INFO for the ready
 * check, CLIENT TRACKING for invalidations).
 */
const commands = '+@all -@dangerous +info +client|id +client|setname +client|tracking';

const replays = (service: string) => `~replay:${service}:*`;

export const redisUsers = {
  gateway: `~session:* ~rate-limit:* ~idempotency:* &__redis__:invalidate &${orderSummaryChangesChannel}`,
  'order-service': replays('order-service'),
  'payment-service': replays('payment-service'),
  'inventory-service': `${replays('inventory-service')} ~lock:* ~fence:*`,
  'shipping-service': replays('shipping-service'),
  'read-model-service': `${replays('read-model-service')} &${orderSummaryChangesChannel}`,
  // Tests and tools that inspect or reset what the apps keep (never an app's own user).
  operator: '~* &* +@all',
} as const;
export type RedisUser = keyof typeof redisUsers;

/** One ACL rule line per user, as an aclfile or `--user` arguments take them. */
export function redisAclRules(passwordOf: (user: RedisUser) => string): string[] {
  return [
    'user default off',
    ...Object.entries(redisUsers).map(([user, access]) => {
      const allowed = user === 'operator' ? access : `${access} ${commands}`;
      return `user ${user} on >${passwordOf(user as RedisUser)} resetchannels ${allowed}`;
    }),
  ];
}
