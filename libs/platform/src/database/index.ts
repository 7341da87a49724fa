/** A service's own PostgreSQL: the pool, transactions, migrations. */
export * from './database';
export * from './database.module';
export * from './migrate';
export * from './connection-failure';
