/**
 * For specs only: a migrated database of a spec's own, events delivered as the consumer would,
 * transactions rolled back on purpose.
 */
export * from './database-of-its-own';
export * from '../database/rollback-for-tests';
export * from '../kafka/deliver-for-tests';
