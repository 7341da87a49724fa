/** Per-resource Redis locks with fencing tokens. */
export * from './errors';
export * from './lock-keys';
export * from './fenced-locks';
export * from './fenced-locks.module';
export * from './lock-environment';
