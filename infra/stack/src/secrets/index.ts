export * from './redis-users';
export * from './stack-secrets';
export * from './compose-secrets';
export * from './chart-secrets';
