/** For specs only: events delivered as the consumer would, transactions rolled back on purpose. */
export * from '../database/rollback-for-tests';
export * from '../kafka/deliver-for-tests';
