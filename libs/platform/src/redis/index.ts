/** Redis clients, settings and scripts. */
export * from './redis-client';
export * from './lua-script';
export * from './redis-environment';
export * from './redis.module';
